<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AnimationExportDialog</name>
    <message>
        <source>Export animation</source>
        <translation>Exportar animación</translation>
    </message>
    <message>
        <source>Animated GIF (.gif)</source>
        <translation>GIF animado (.gif)</translation>
    </message>
    <message>
        <source>Plays in any browser and slide program; colours are reduced to 256, grey is exact.</source>
        <translation>Se reproduce en cualquier navegador y programa de presentaciones; los colores se reducen a 256, el gris es exacto.</translation>
    </message>
    <message>
        <source>MP4 video (.mp4)</source>
        <translation>Vídeo MP4 (.mp4)</translation>
    </message>
    <message>
        <source>Encoded as %1.</source>
        <translation>Codificado como %1.</translation>
    </message>
    <message>
        <source>PNG frames in a folder (frame_0000.png, …)</source>
        <translation>Fotogramas PNG en una carpeta (frame_0000.png, …)</translation>
    </message>
    <message>
        <source>Every frame losslessly, for editing or for your own video tools.</source>
        <translation>Cada fotograma sin pérdidas, para editar o para sus propias herramientas de vídeo.</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Guardar en:</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> fotogramas/s</translation>
    </message>
    <message>
        <source>A GIF plays at most 50 frames per second.</source>
        <translation>Un GIF se reproduce a 50 fotogramas por segundo como máximo.</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>Fotogramas por segundo:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF animado (*.gif)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>Vídeo MP4 (*.mp4)</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>Carpeta para los fotogramas PNG</translation>
    </message>
    <message>
        <source>Choose where to save the animation.</source>
        <translation>Elija dónde guardar la animación.</translation>
    </message>
</context>
<context>
    <name>AnimationExporter</name>
    <message>
        <source>Wrote %1: %2 frames of %3 × %4 pixels</source>
        <translation>%1 escrito: %2 fotogramas de %3 × %4 píxeles</translation>
    </message>
    <message>
        <source>, as PNG files</source>
        <translation>, como archivos PNG</translation>
    </message>
    <message>
        <source>, video codec %1</source>
        <translation>, códec de vídeo %1</translation>
    </message>
</context>
<context>
    <name>BranchControls</name>
    <message>
        <source>Branch at the shown step</source>
        <translation>Ramificar en el paso mostrado</translation>
    </message>
    <message>
        <source>Guidance of the branch (needs a class)</source>
        <translation>Guía de la rama (requiere una clase)</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>Guía w</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>Ramificar aquí</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>ChainDisplay</name>
    <message>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <source>x̂₀ (predicted data)</source>
        <translation>x̂₀ (datos predichos)</translation>
    </message>
    <message>
        <source>ε̂ (predicted noise)</source>
        <translation>ε̂ (ruido predicho)</translation>
    </message>
    <message>
        <source>data</source>
        <translation>datos</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>cadena</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>rama</translation>
    </message>
    <message>
        <source>&lt;b&gt;Branch&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rama&lt;/b&gt;</translation>
    </message>
    <message>
        <source>step %1 / %2 &amp;nbsp; t = %3 &amp;nbsp; ᾱ&lt;sub&gt;t&lt;/sub&gt; = %4 &amp;nbsp; σ&lt;sub&gt;t&lt;/sub&gt; = √(1−ᾱ&lt;sub&gt;t&lt;/sub&gt;) = %5 &amp;nbsp; ‖ε̂‖ = %6 &amp;nbsp; NFE = %7</source>
        <translation>paso %1 / %2 &amp;nbsp; t = %3 &amp;nbsp; ᾱ&lt;sub&gt;t&lt;/sub&gt; = %4 &amp;nbsp; σ&lt;sub&gt;t&lt;/sub&gt; = √(1−ᾱ&lt;sub&gt;t&lt;/sub&gt;) = %5 &amp;nbsp; ‖ε̂‖ = %6 &amp;nbsp; NFE = %7</translation>
    </message>
    <message>
        <source> &amp;nbsp; ‖s ∇ log p(y | x&lt;sub&gt;t&lt;/sub&gt;)‖ = %1</source>
        <translation> &amp;nbsp; ‖s ∇ log p(y | x&lt;sub&gt;t&lt;/sub&gt;)‖ = %1</translation>
    </message>
    <message>
        <source>step %1 / %2, t = %3</source>
        <translation>paso %1 / %2, t = %3</translation>
    </message>
    <message>
        <source>The reverse chain of %1 (%2 steps, batch of %3): x_t from x_T to the samples, one frame per step.</source>
        <translation>La cadena inversa de %1 (%2 pasos, lote de %3): x_t desde x_T hasta las muestras, un fotograma por paso.</translation>
    </message>
    <message>
        <source>spread (1-D data)</source>
        <translation>dispersión (datos 1-D)</translation>
    </message>
</context>
<context>
    <name>ChainPlayerView</name>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>No se puede abrir el modelo: %1</translation>
    </message>
    <message>
        <source>Chain of %1 steps computed in %2 s (%3 network evaluations).</source>
        <translation>Cadena de %1 pasos calculada en %2 s (%3 evaluaciones de la red).</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Cadena</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>computed %v / %m</source>
        <translation>calculado %v / %m</translation>
    </message>
    <message>
        <source>Computing the chain…</source>
        <translation>Calculando la cadena…</translation>
    </message>
    <message>
        <source>The chain has ended here: rewind to the step to branch at.</source>
        <translation>La cadena termina aquí: retroceda hasta el paso en el que ramificar.</translation>
    </message>
    <message>
        <source>%1, η = %2, seed %3</source>
        <translation>%1, η = %2, semilla %3</translation>
    </message>
    <message>
        <source>Branched at step %1: %2.</source>
        <translation>Ramificada en el paso %1: %2.</translation>
    </message>
    <message>
        <source>branch from step %1:</source>
        <translation>rama desde el paso %1:</translation>
    </message>
    <message>
        <source>(starts at step %1)</source>
        <translation>(empieza en el paso %1)</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Exportar animación…</translation>
    </message>
    <message>
        <source>Save the computed chain x_T → x_0 as an animated GIF, an MP4 video or PNG frames</source>
        <translation>Guarda la cadena calculada x_T → x_0 como GIF animado, vídeo MP4 o fotogramas PNG</translation>
    </message>
    <message>
        <source>Play the chain: the update of each step is shown here.</source>
        <translation>Reproduzca la cadena: aquí se muestra la actualización de cada paso.</translation>
    </message>
    <message>
        <source>The shown step: 0 is x_T, the last the samples</source>
        <translation>El paso mostrado: 0 es x_T, el último las muestras</translation>
    </message>
    <message>
        <source>no chain yet</source>
        <translation>aún no hay cadena</translation>
    </message>
</context>
<context>
    <name>ClassifierGuidanceBox</name>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>exact posterior (mixtures)</source>
        <translation>a posteriori exacta (mezclas)</translation>
    </message>
    <message>
        <source>Open classifier…</source>
        <translation>Abrir clasificador…</translation>
    </message>
    <message>
        <source>Classifier guidance towards the class (Dhariwal &amp; Nichol 2021): ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t). With w = 0 the classifier alone steers</source>
        <translation>Guía por clasificador hacia la clase (Dhariwal &amp; Nichol 2021): ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t). Con w = 0 guía solo el clasificador</translation>
    </message>
    <message>
        <source>Classifier</source>
        <translation>Clasificador</translation>
    </message>
    <message>
        <source>Classifier scale s: 1 samples p(x | y) with an exact classifier, &gt; 1 sharper</source>
        <translation>Escala s del clasificador: 1 muestrea p(x | y) con un clasificador exacto, &gt; 1 más nítido</translation>
    </message>
    <message>
        <source>Classifier scale s</source>
        <translation>Escala s del clasificador</translation>
    </message>
    <message>
        <source>Open a classifier</source>
        <translation>Abrir un clasificador</translation>
    </message>
    <message>
        <source>Classifier checkpoints (*.ckpt);;All files (*)</source>
        <translation>Checkpoints de clasificador (*.ckpt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Classifier not opened: %1</source>
        <translation>Clasificador no abierto: %1</translation>
    </message>
    <message>
        <source>the exact classifier needs a mixture model</source>
        <translation>el clasificador exacto requiere un modelo de mezcla</translation>
    </message>
    <message>
        <source>the classifier %1 has other classes than the model</source>
        <translation>el clasificador %1 tiene otras clases que el modelo</translation>
    </message>
</context>
<context>
    <name>ComparisonPictures</name>
    <message>
        <source>network evaluations (NFE)</source>
        <translation>evaluaciones de la red (NFE)</translation>
    </message>
    <message>
        <source>distance to the data</source>
        <translation>distancia a los datos</translation>
    </message>
    <message>
        <source>%1 (optimised)</source>
        <translation>%1 (optimizado)</translation>
    </message>
    <message>
        <source>data vs data</source>
        <translation>datos vs. datos</translation>
    </message>
</context>
<context>
    <name>DatasetFileChooser</name>
    <message>
        <source>IDX files (MNIST, Fashion-MNIST)…</source>
        <translation>Archivos IDX (MNIST, Fashion-MNIST)…</translation>
    </message>
    <message>
        <source>CIFAR-10 binary batch…</source>
        <translation>Lote binario de CIFAR-10…</translation>
    </message>
    <message>
        <source>Folder of images…</source>
        <translation>Carpeta de imágenes…</translation>
    </message>
    <message>
        <source>Gaussian mixture (JSON)…</source>
        <translation>Mezcla gaussiana (JSON)…</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *-ubyte.gz *.idx *.gz);;All files (*)</source>
        <translation>Archivos IDX (*-ubyte *-ubyte.gz *.idx *.gz);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open IDX images</source>
        <translation>Abrir imágenes IDX</translation>
    </message>
    <message>
        <source>Open the matching IDX labels</source>
        <translation>Abrir las etiquetas IDX correspondientes</translation>
    </message>
    <message>
        <source>Open a CIFAR-10 binary batch</source>
        <translation>Abrir un lote binario de CIFAR-10</translation>
    </message>
    <message>
        <source>CIFAR-10 batches (*.bin);;All files (*)</source>
        <translation>Lotes de CIFAR-10 (*.bin);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open a folder of images</source>
        <translation>Abrir una carpeta de imágenes</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Tamaño de imagen</translation>
    </message>
    <message>
        <source>Images are resized and centre-cropped to this size (pixels):</source>
        <translation>Las imágenes se redimensionan y se recortan al centro a este tamaño (píxeles):</translation>
    </message>
    <message>
        <source>Open a Gaussian mixture</source>
        <translation>Abrir una mezcla gaussiana</translation>
    </message>
    <message>
        <source>Gaussian mixtures (*.json);;All files (*)</source>
        <translation>Mezclas gaussianas (*.json);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>DatasetThumbnailModel</name>
    <message>
        <source>Sample %1</source>
        <translation>Muestra %1</translation>
    </message>
    <message>
        <source>Sample %1: %2</source>
        <translation>Muestra %1: %2</translation>
    </message>
</context>
<context>
    <name>DatasetView</name>
    <message>
        <source>Open file…</source>
        <translation>Abrir archivo…</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Conjunto de datos:</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Clase:</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>Cargando %1 …</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Todas las clases</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>Ningún conjunto de datos cargado.</translation>
    </message>
    <message>
        <source>This dataset has %1-dimensional points; only 2-D points are plotted.</source>
        <translation>Este conjunto de datos tiene puntos de %1 dimensiones; solo se dibujan los puntos en 2-D.</translation>
    </message>
    <message>
        <source>%1: %2 samples of shape %3, %4 classes; %5 shown</source>
        <translation>%1: %2 muestras de forma %3, %4 clases; %5 mostradas</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not loaded: %1. Still showing %2.</source>
        <translation>No cargado: %1. Se sigue mostrando %2.</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>No cargado: %1</translation>
    </message>
</context>
<context>
    <name>DifflabApplication</name>
    <message>
        <source>Diffusion Lab: a laboratory for diffusion generative models.</source>
        <translation>Diffusion Lab: un laboratorio de modelos generativos de difusión.</translation>
    </message>
    <message>
        <source>Language of the interface (%1); overrides the setting.</source>
        <translation>Idioma de la interfaz (%1); tiene prioridad sobre la configuración.</translation>
    </message>
    <message>
        <source>Render every view offscreen to PNG files in &lt;dir&gt; (Fashion-MNIST and two moons) and exit.</source>
        <translation>Dibuja cada vista fuera de pantalla en archivos PNG en &lt;dir&gt; (Fashion-MNIST y dos lunas) y termina.</translation>
    </message>
    <message>
        <source>Comma-separated dataset specs for --screenshots (default: fashion-mnist:train,two-moons).</source>
        <translation>Especificaciones de conjuntos de datos separadas por comas para --screenshots (por defecto: fashion-mnist:train,two-moons).</translation>
    </message>
    <message>
        <source>Open a checkpoint or Gaussian-mixture JSON &lt;file&gt; in the sampling views.</source>
        <translation>Abre un checkpoint o un JSON de mezcla gaussiana &lt;file&gt; en las vistas de muestreo.</translation>
    </message>
    <message>
        <source>Window size for --screenshots, e.g. 1366x728 (a laptop) or 1280x680 (1920 × 1080 at 150 %, with QT_SCALE_FACTOR=1.5); default 1400x860.</source>
        <translation>Tamaño de ventana para --screenshots, p. ej. 1366x728 (un portátil) o 1280x680 (1920 × 1080 al 150 %, con QT_SCALE_FACTOR=1.5); por defecto 1400x860.</translation>
    </message>
    <message>
        <source>A session file (.difflab) to open, as File ▸ Open session.</source>
        <translation>Un archivo de sesión (.difflab) que abrir, como con Archivo ▸ Abrir sesión.</translation>
    </message>
    <message>
        <source>Start in lecture mode (View ▸ Lecture mode): larger text and lines, each tab&apos;s equation with its numbers, slide keys.</source>
        <translation>Iniciar en modo clase (Ver ▸ Modo clase): texto y líneas más grandes, la ecuación de cada pestaña con sus números, teclas de diapositivas.</translation>
    </message>
</context>
<context>
    <name>EditPage</name>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Noise level</source>
        <translation>Nivel de ruido</translation>
    </message>
    <message>
        <source>Denoise as class</source>
        <translation>Quitar el ruido como clase</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guía</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Muestreador</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>|Result − original|</source>
        <translation>|Resultado − original|</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>incondicional</translation>
    </message>
    <message>
        <source>t₀ = %1</source>
        <translation>t₀ = %1</translation>
    </message>
    <message>
        <source>t₀ = %1 (ᾱ = %2)</source>
        <translation>t₀ = %1 (ᾱ = %2)</translation>
    </message>
    <message>
        <source>Noised to t₀ = %1 and denoised with %2 (%3 network evaluations). Mean |difference| %4.</source>
        <translation>Ruido añadido hasta t₀ = %1 y eliminado con %2 (%3 evaluaciones de la red). |Diferencia| media %4.</translation>
    </message>
    <message>
        <source>Moves: each original joined to its result</source>
        <translation>Desplazamientos: cada original unido a su resultado</translation>
    </message>
</context>
<context>
    <name>ForwardChainView</name>
    <message>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <source>Chosen sample</source>
        <translation>Muestra elegida</translation>
    </message>
    <message>
        <source>The sample selected in the Dataset tab (the first one if none is selected).</source>
        <translation>La muestra seleccionada en la pestaña «Conjunto de datos» (la primera si no hay ninguna seleccionada).</translation>
    </message>
    <message>
        <source>Random batch</source>
        <translation>Lote aleatorio</translation>
    </message>
    <message>
        <source>%1 random images, or %2 random points of 2-D data, drawn with the seed.</source>
        <translation>%1 imágenes aleatorias, o %2 puntos aleatorios de datos 2-D, extraídos con la semilla.</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Proceso</translation>
    </message>
    <message>
        <source>Closed form q(x_t | x₀)</source>
        <translation>Forma cerrada q(x_t | x₀)</translation>
    </message>
    <message>
        <source>x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε with one ε for every t (Ho et al. 2020, eq. 4).</source>
        <translation>x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε con el mismo ε para cada t (Ho et al. 2020, ec. 4).</translation>
    </message>
    <message>
        <source>Markov chain, step by step</source>
        <translation>Cadena de Márkov, paso a paso</translation>
    </message>
    <message>
        <source>x_t = √(1 − β_t) x_{t−1} + √β_t ε_t, fresh noise each step (Ho et al. 2020, eq. 2). Its first noise is the closed form&apos;s ε, so both agree at t = 1.</source>
        <translation>x_t = √(1 − β_t) x_{t−1} + √β_t ε_t, ruido nuevo en cada paso (Ho et al. 2020, ec. 2). Su primer ruido es el ε de la forma cerrada, así que ambas coinciden en t = 1.</translation>
    </message>
    <message>
        <source>New noise</source>
        <translation>Ruido nuevo</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Semilla:</translation>
    </message>
    <message>
        <source>Time step</source>
        <translation>Paso de tiempo</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>t:</source>
        <translation>t:</translation>
    </message>
    <message>
        <source>data x₀</source>
        <translation>datos x₀</translation>
    </message>
    <message>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 pasos/s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>Ningún conjunto de datos cargado.</translation>
    </message>
    <message>
        <source>Computing the chain…</source>
        <translation>Calculando la cadena…</translation>
    </message>
    <message>
        <source>Markov chain: %1 steps from seed %2.</source>
        <translation>Cadena de Márkov: %1 pasos desde la semilla %2.</translation>
    </message>
    <message>
        <source>Closed form from seed %1.</source>
        <translation>Forma cerrada desde la semilla %1.</translation>
    </message>
    <message>
        <source>The chain failed: %1</source>
        <translation>La cadena falló: %1</translation>
    </message>
    <message>
        <source>x_t at t = %1</source>
        <translation>x_t en t = %1</translation>
    </message>
    <message>
        <source>ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3</source>
        <translation>ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3</translation>
    </message>
    <message>
        <source>mean %1 (expected %2), std %3 (expected %4)</source>
        <translation>media %1 (esperada %2), desv. típ. %3 (esperada %4)</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Exportar animación…</translation>
    </message>
    <message>
        <source>Save the chain from t = 0 to T as an animated GIF, an MP4 video or PNG frames</source>
        <translation>Guarda la cadena de t = 0 a T como GIF animado, vídeo MP4 o fotogramas PNG</translation>
    </message>
    <message>
        <source>Markov chain</source>
        <translation>cadena de Márkov</translation>
    </message>
    <message>
        <source>closed form</source>
        <translation>forma cerrada</translation>
    </message>
    <message>
        <source>%1, t = %2</source>
        <translation>%1, t = %2</translation>
    </message>
    <message>
        <source>The forward chain (%1) from t = 0 to %2: %3 frames, every %4 steps (the speed of Play).</source>
        <translation>La cadena directa (%1) de t = 0 a %2: %3 fotogramas, cada %4 pasos (la velocidad de «Reproducir»).</translation>
    </message>
</context>
<context>
    <name>GenerateView</name>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>No se puede abrir el modelo: %1</translation>
    </message>
    <message>
        <source>Sampling…</source>
        <translation>Muestreando…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Muestreador</translation>
    </message>
    <message>
        <source>Batch and guidance</source>
        <translation>Lote y guía</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>paso %v / %m</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>Guardar PNG…</translation>
    </message>
    <message>
        <source>Open PNG…</source>
        <translation>Abrir PNG…</translation>
    </message>
    <message>
        <source>Save the picture with its full recipe in PNG text chunks</source>
        <translation>Guarda la imagen con su receta completa en bloques de texto PNG</translation>
    </message>
    <message>
        <source>Restore the settings from a PNG saved by Diffusion Lab</source>
        <translation>Restaura la configuración desde un PNG guardado por Diffusion Lab</translation>
    </message>
    <message>
        <source>Note: the model file has changed since the picture was made (SHA-256 differs).</source>
        <translation>Nota: el archivo del modelo ha cambiado desde que se creó la imagen (el SHA-256 difiere).</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s), %1 network evaluations, %2 s</source>
        <translation>
            <numerusform>%n muestra, %1 evaluaciones de la red, %2 s</numerusform>
            <numerusform>%n muestras, %1 evaluaciones de la red, %2 s</numerusform>
        </translation>
    </message>
    <message>
        <source>The model of this picture, %1, is not on this computer.</source>
        <translation>El modelo de esta imagen, %1, no está en este equipo.</translation>
    </message>
    <message>
        <source>Nothing to save yet: generate first.</source>
        <translation>Nada que guardar todavía: genere primero.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save samples</source>
        <translation>Guardar muestras</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved %1 with its recipe.</source>
        <translation>%1 guardado con su receta.</translation>
    </message>
    <message>
        <source>Open a sample PNG</source>
        <translation>Abrir un PNG de muestras</translation>
    </message>
    <message>
        <source>each class in turn</source>
        <translation>cada clase por turno</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>GuidanceControls</name>
    <message>
        <source>(unconditional)</source>
        <translation>(incondicional)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Classifier-free guidance w: 0 unconditional, 1 conditional, &gt; 1 guided</source>
        <translation>Guía sin clasificador w: 0 incondicional, 1 condicional, &gt; 1 reforzada</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>Guía w</translation>
    </message>
    <message>
        <source>(every class in turn)</source>
        <translation>(cada clase por turno)</translation>
    </message>
</context>
<context>
    <name>ImportSettingsDialog</name>
    <message numerus="yes">
        <source>, %n classes</source>
        <translation>
            <numerusform>, %n clase</numerusform>
            <numerusform>, %n clases</numerusform>
        </translation>
    </message>
    <message>
        <source>Import settings: %1</source>
        <translation>Configuración de importación: %1</translation>
    </message>
    <message>
        <source>A TorchScript module; its forward takes class labels (x_t, t, y).</source>
        <translation>Un módulo TorchScript; su forward recibe etiquetas de clase (x_t, t, y).</translation>
    </message>
    <message>
        <source>A TorchScript module; its forward takes (x_t, t).</source>
        <translation>Un módulo TorchScript; su forward recibe (x_t, t).</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>Reconocido: %1.</translation>
    </message>
    <message>
        <source>Its parameter names are none of Diffusion Lab&apos;s architectures (MLP, the notebook&apos;s SimpleUnet, the DDPM U-Net). Save the module as TorchScript instead (docs/import.md).</source>
        <translation>Los nombres de sus parámetros no corresponden a ninguna arquitectura de Diffusion Lab (MLP, el SimpleUnet del notebook, la U-Net de DDPM). Guarde el módulo como TorchScript (docs/import.md).</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>It did not open: %1</source>
        <translation>No se abrió: %1</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image size (height × width)</source>
        <translation>Tamaño de imagen (alto × ancho)</translation>
    </message>
    <message>
        <source>The size of the images the network was trained on; a U-Net&apos;s weights do not fix it</source>
        <translation>El tamaño de las imágenes con las que se entrenó la red; los pesos de una U-Net no lo fijan</translation>
    </message>
    <message>
        <source>The shape of one sample: C, H, W for images, D for points</source>
        <translation>La forma de una muestra: C, H, W para imágenes, D para puntos</translation>
    </message>
    <message>
        <source>Sample shape</source>
        <translation>Forma de muestra</translation>
    </message>
    <message>
        <source>[%1] (from the weights)%2</source>
        <translation>[%1] (de los pesos)%2</translation>
    </message>
    <message>
        <source>Lecture notebook: linear β 1e-4 → 0.02, T = 300</source>
        <translation>Notebook de clase: β lineal 1e-4 → 0.02, T = 300</translation>
    </message>
    <message>
        <source>Linear β (Ho et al. 2020)</source>
        <translation>β lineal (Ho et al. 2020)</translation>
    </message>
    <message>
        <source>Scaled linear β (Stable Diffusion)</source>
        <translation>β lineal escalada (Stable Diffusion)</translation>
    </message>
    <message>
        <source>Cosine ᾱ (Nichol &amp; Dhariwal 2021)</source>
        <translation>ᾱ coseno (Nichol &amp; Dhariwal 2021)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Plan de ruido</translation>
    </message>
    <message>
        <source>Training steps T</source>
        <translation>Pasos de entrenamiento T</translation>
    </message>
    <message>
        <source>β_start (β at t = 1)</source>
        <translation>β_start (β en t = 1)</translation>
    </message>
    <message>
        <source>β_end (β at t = T)</source>
        <translation>β_end (β en t = T)</translation>
    </message>
    <message>
        <source>ε (noise)</source>
        <translation>ε (ruido)</translation>
    </message>
    <message>
        <source>x₀ (clean data)</source>
        <translation>x₀ (datos limpios)</translation>
    </message>
    <message>
        <source>v = α ε − σ x₀</source>
        <translation>v = α ε − σ x₀</translation>
    </message>
    <message>
        <source>score ∇ log p</source>
        <translation>score ∇ log p</translation>
    </message>
    <message>
        <source>The network predicts</source>
        <translation>La red predice</translation>
    </message>
    <message>
        <source>Images scaled to [−1, 1] (x / 127.5 − 1)</source>
        <translation>Imágenes escaladas a [−1, 1] (x / 127.5 − 1)</translation>
    </message>
    <message>
        <source>Points, unscaled</source>
        <translation>Puntos, sin escalar</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>names separated by commas</source>
        <translation>nombres separados por comas</translation>
    </message>
    <message>
        <source>One name per class, in the order of the labels 0, 1, …</source>
        <translation>Un nombre por clase, en el orden de las etiquetas 0, 1, …</translation>
    </message>
    <message>
        <source>The network takes no class labels</source>
        <translation>La red no recibe etiquetas de clase</translation>
    </message>
    <message>
        <source>Class names</source>
        <translation>Nombres de clase</translation>
    </message>
    <message>
        <source>As in the sidecar: %1</source>
        <translation>Como en el archivo complementario: %1</translation>
    </message>
    <message>
        <source>, zero terminal SNR</source>
        <translation>, SNR final nulo</translation>
    </message>
    <message>
        <source>Saved as %1 next to the model: it opens with these settings from now on, here and in difflab-cli.</source>
        <translation>Se guarda como %1 junto al modelo: a partir de ahora se abre con esta configuración, aquí y en difflab-cli.</translation>
    </message>
    <message>
        <source>Save and open</source>
        <translation>Guardar y abrir</translation>
    </message>
    <message>
        <source>These weights cannot be opened with settings alone.</source>
        <translation>Estos pesos no se pueden abrir solo con la configuración.</translation>
    </message>
    <message>
        <source>Sample shape: &apos;%1&apos; is not a positive whole number</source>
        <translation>Forma de muestra: «%1» no es un número entero positivo</translation>
    </message>
    <message>
        <source>Sample shape: give C, H, W for images or D for points</source>
        <translation>Forma de muestra: indique C, H, W para imágenes o D para puntos</translation>
    </message>
    <message>
        <source>β₁ must be smaller than β_T</source>
        <translation>β₁ debe ser menor que β_T</translation>
    </message>
    <message>
        <source>Class names: the weights have %1 classes, %2 names were given</source>
        <translation>Nombres de clase: los pesos tienen %1 clases, se dieron %2 nombres</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (from config.json)</source>
        <translation>%1 × %2 × %3 (de config.json)</translation>
    </message>
    <message>
        <source>GroupNorm&apos;s group count is not stored in the weights: 32 in Ho et al.&apos;s U-Net and diffusers&apos; default</source>
        <translation>El número de grupos de GroupNorm no está en los pesos: 32 en la U-Net de Ho et al. y por defecto en diffusers</translation>
    </message>
    <message>
        <source>GroupNorm groups</source>
        <translation>Grupos de GroupNorm</translation>
    </message>
    <message>
        <source>Images scaled to [0, 1] (x / 255, as ToTensor())</source>
        <translation>Imágenes escaladas a [0, 1] (x / 255, como ToTensor())</translation>
    </message>
    <message>
        <source>diffusers&apos; pipelines scale images to [−1, 1]</source>
        <translation>Los pipelines de diffusers escalan las imágenes a [−1, 1]</translation>
    </message>
    <message>
        <source>GroupNorm groups: %1 does not divide the channel count %2</source>
        <translation>Grupos de GroupNorm: %1 no divide el número de canales %2</translation>
    </message>
    <message>
        <source>Saved in the folder as %1, where diffusers reads it: the folder opens with these settings from now on, here, in difflab-cli and in diffusers.</source>
        <translation>Se guarda en la carpeta como %1, donde lo lee diffusers: a partir de ahora la carpeta se abre con estos ajustes, aquí, en difflab-cli y en diffusers.</translation>
    </message>
</context>
<context>
    <name>InterpolationPage</name>
    <message>
        <source>slerp</source>
        <translation>slerp</translation>
    </message>
    <message>
        <source>lerp</source>
        <translation>lerp</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>Interpolar</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Seed A</source>
        <translation>Semilla A</translation>
    </message>
    <message>
        <source>Class A</source>
        <translation>Clase A</translation>
    </message>
    <message>
        <source>Guidance A</source>
        <translation>Guía A</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Fotogramas</translation>
    </message>
    <message>
        <source>Seed B</source>
        <translation>Semilla B</translation>
    </message>
    <message>
        <source>Class B</source>
        <translation>Clase B</translation>
    </message>
    <message>
        <source>Guidance B</source>
        <translation>Guía B</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Trayectoria</translation>
    </message>
    <message>
        <source>frame weight w</source>
        <translation>peso del fotograma w</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>incondicional</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Exportar animación…</translation>
    </message>
    <message>
        <source>Save the interpolation as an animated GIF, an MP4 video or PNG frames</source>
        <translation>Guarda la interpolación como GIF animado, vídeo MP4 o fotogramas PNG</translation>
    </message>
    <message>
        <source>w = %1</source>
        <translation>w = %1</translation>
    </message>
    <message>
        <source>The %1 interpolation: %2 decoded frames, from w = 0 to 1.</source>
        <translation>La interpolación %1: %2 fotogramas decodificados, de w = 0 a 1.</translation>
    </message>
    <message>
        <source>‖z‖</source>
        <translation>‖z‖</translation>
    </message>
    <message>
        <source>Latent norm ‖z‖ of each frame: slerp keeps it, lerp dips midway</source>
        <translation>Norma latente ‖z‖ de cada fotograma: slerp la conserva, lerp baja a mitad de camino</translation>
    </message>
</context>
<context>
    <name>InversionPage</name>
    <message>
        <source>Invert and reconstruct</source>
        <translation>Invertir y reconstruir</translation>
    </message>
    <message>
        <source>Original x₀</source>
        <translation>x₀ original</translation>
    </message>
    <message>
        <source>Latent x_T</source>
        <translation>x_T latente</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>Reconstrucción</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>pasos</translation>
    </message>
    <message>
        <source>Reconstruction error against steps</source>
        <translation>Error de reconstrucción según los pasos</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>error relativo</translation>
    </message>
    <message>
        <source>%1, plain walk</source>
        <translation>%1, recorrido simple</translation>
    </message>
    <message>
        <source>%1 with adaptive steps</source>
        <translation>%1 con pasos adaptativos</translation>
    </message>
    <message>
        <source>%1, exact steps, with %2 steps</source>
        <translation>%1, pasos exactos, con %2 pasos</translation>
    </message>
    <message>
        <source>%1 with %2 steps</source>
        <translation>%1 con %2 pasos</translation>
    </message>
    <message>
        <source>%1 to t = %2: %3 network evaluations. Reconstruction error per sample: relative mean %4, max %5; MSE per dimension %6.</source>
        <translation>%1 hasta t = %2: %3 evaluaciones de la red. Error de reconstrucción por muestra: relativo medio %4, máximo %5; MSE por dimensión %6.</translation>
    </message>
</context>
<context>
    <name>LabSession</name>
    <message>
        <source>%1: the model reference is not an object; the model was left as it is</source>
        <translation>%1: la referencia al modelo no es un objeto; el modelo se dejó como estaba</translation>
    </message>
    <message>
        <source>%1: the model %2 is missing (moved or deleted); the model was left as it is</source>
        <translation>%1: falta el modelo %2 (movido o borrado); el modelo se dejó como estaba</translation>
    </message>
    <message>
        <source>%1: the model %2 moved; opened %3, found beside the session</source>
        <translation>%1: el modelo %2 se movió; se abrió %3, encontrado junto a la sesión</translation>
    </message>
    <message>
        <source>%1: the model %2 changed since the session was saved (SHA-256 %3… is now %4…); opened as it is now</source>
        <translation>%1: el modelo %2 cambió desde que se guardó la sesión (SHA-256 %3… es ahora %4…); se abrió tal como está ahora</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>no existe el archivo</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a session file</source>
        <translation>%1 bytes es demasiado grande para un archivo de sesión</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>no es JSON válido (%1)</translation>
    </message>
    <message>
        <source>not a Diffusion Lab session (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>no es una sesión de Diffusion Lab (falta &quot;format&quot;: &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>the field &quot;version&quot; is missing or not an integer</source>
        <translation>el campo &quot;version&quot; falta o no es un entero</translation>
    </message>
    <message>
        <source>written by a newer Diffusion Lab (session version %1; this one reads up to %2). Update Diffusion Lab to open it.</source>
        <translation>escrita por un Diffusion Lab más reciente (versión de sesión %1; este lee hasta la %2). Actualice Diffusion Lab para abrirla.</translation>
    </message>
    <message>
        <source>session version %1 does not exist (versions start at 1)</source>
        <translation>la versión de sesión %1 no existe (las versiones empiezan en 1)</translation>
    </message>
</context>
<context>
    <name>LangevinFrame</name>
    <message>
        <source>Langevin diverged at step %1: the step is too large for this noise level (keep δ well under σ_VE(t)² = %2, or raise t).</source>
        <translation>Langevin divergió en el paso %1: el paso es demasiado grande para este nivel de ruido (mantenga δ muy por debajo de σ_VE(t)² = %2, o aumente t).</translation>
    </message>
    <message>
        <source>Annealed Langevin: step %1 of %2, level σ = %3, δ = %4</source>
        <translation>Langevin con recocido: paso %1 de %2, nivel σ = %3, δ = %4</translation>
    </message>
    <message>
        <source>Langevin: step %1 of %2, δ = %3</source>
        <translation>Langevin: paso %1 de %2, δ = %3</translation>
    </message>
</context>
<context>
    <name>Lecture</name>
    <message>
        <source>DDIM, η = %1:</source>
        <translation>DDIM, η = %1:</translation>
    </message>
    <message>
        <source>%1; its first-order (DDIM, η = 0) part:</source>
        <translation>%1; su parte de primer orden (DDIM, η = 0):</translation>
    </message>
    <message>
        <source>an unconditional model: no guidance</source>
        <translation>un modelo incondicional: sin guía</translation>
    </message>
    <message>
        <source>r = %1, %2 levels: &amp;nbsp;σ from %3 to %4, &amp;nbsp;δ from %5 to %6</source>
        <translation>r = %1, %2 niveles: &amp;nbsp;σ de %3 a %4, &amp;nbsp;δ de %5 a %6</translation>
    </message>
    <message>
        <source>%1, %2 steps from σ̄&lt;sub&gt;max&lt;/sub&gt; to 0</source>
        <translation>%1, %2 pasos de σ̄&lt;sub&gt;max&lt;/sub&gt; a 0</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>aún sin entrenar</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>aún sin medir</translation>
    </message>
    <message>
        <source>floor (two data samples): %1</source>
        <translation>suelo (dos muestras de datos): %1</translation>
    </message>
    <message>
        <source>%1: %2 samples of shape %3</source>
        <translation>%1: %2 muestras de forma %3</translation>
    </message>
    <message>
        <source>step %1: &amp;nbsp;L = %2 on this batch</source>
        <translation>paso %1: &amp;nbsp;L = %2 en este lote</translation>
    </message>
    <message>
        <source>step %1: &amp;nbsp;L = %2 on this batch, %3 smoothed</source>
        <translation>paso %1: &amp;nbsp;L = %2 en este lote, %3 suavizada</translation>
    </message>
    <message>
        <source>%1 from σ̄&lt;sub&gt;max&lt;/sub&gt; to 0</source>
        <translation>%1 de σ̄&lt;sub&gt;max&lt;/sub&gt; a 0</translation>
    </message>
    <message>
        <source>adaptive RK45 (Dormand–Prince, tolerance %1) from the data to t = T, along the probability-flow ODE</source>
        <translation>RK45 adaptativo (Dormand–Prince, tolerancia %1) de los datos a t = T, a lo largo de la EDO de flujo de probabilidad</translation>
    </message>
    <message>
        <source>every t = 1…%1 of the model&apos;s schedule: one term each, no ODE solver</source>
        <translation>cada t = 1…%1 del calendario del modelo: un término cada uno, sin solucionador de EDO</translation>
    </message>
    <message>
        <source>t₀ = %1 (ᾱ = %2): %3, %4 steps from t₀ to 0</source>
        <translation>t₀ = %1 (ᾱ = %2): %3, %4 pasos de t₀ a 0</translation>
    </message>
</context>
<context>
    <name>LikelihoodPage</name>
    <message>
        <source>exact divergence</source>
        <translation>divergencia exacta</translation>
    </message>
    <message>
        <source>Hutchinson, Rademacher probes</source>
        <translation>Hutchinson, sondas de Rademacher</translation>
    </message>
    <message>
        <source>Hutchinson, Gaussian probes</source>
        <translation>Hutchinson, sondas gaussianas</translation>
    </message>
    <message>
        <source>Compute likelihood</source>
        <translation>Calcular verosimilitud</translation>
    </message>
    <message>
        <source>Probes per estimate</source>
        <translation>Sondas por estimación</translation>
    </message>
    <message>
        <source>Probe seeds P</source>
        <translation>Semillas de sonda P</translation>
    </message>
    <message>
        <source>probe seed</source>
        <translation>semilla de sonda</translation>
    </message>
    <message>
        <source>log p = %1 nats per sample</source>
        <translation>log p = %1 nats por muestra</translation>
    </message>
    <message>
        <source> ± %1 across probe seeds</source>
        <translation> ± %1 entre semillas de sonda</translation>
    </message>
    <message>
        <source>
%1 bits/dim</source>
        <translation>
%1 bits/dim</translation>
    </message>
    <message>
        <source> ± %1</source>
        <translation> ± %1</translation>
    </message>
    <message>
        <source> (8-bit data, uniformly dequantised)</source>
        <translation> (datos de 8 bits, decuantizados uniformemente)</translation>
    </message>
    <message>
        <source>
exact mixture log-density %1 nats; mean |ODE − exact| = %2 nats</source>
        <translation>
log-densidad exacta de la mezcla %1 nats; |EDO − exacta| media = %2 nats</translation>
    </message>
    <message>
        <source>estimate per probe seed</source>
        <translation>estimación por semilla de sonda</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>media</translation>
    </message>
    <message>
        <source>± std</source>
        <translation>± desv. típ.</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exacta</translation>
    </message>
    <message>
        <source>
prior: %1; adaptive RK45 (Dormand–Prince, rtol = atol = %2), %3 velocity evaluations</source>
        <translation>
prior: %1; RK45 adaptativo (Dormand–Prince, rtol = atol = %2), %3 evaluaciones de la velocidad</translation>
    </message>
    <message>
        <source>log p (nats)</source>
        <translation>log p (nats)</translation>
    </message>
    <message>
        <source>Mean log-likelihood of the batch in nats, one point per probe seed</source>
        <translation>Log-verosimilitud media del lote en nats, un punto por semilla de sonda</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>batch loss</source>
        <translation>pérdida del lote</translation>
    </message>
    <message>
        <source>smoothed (debiased EMA, w = %1)</source>
        <translation>suavizada (EMA sin sesgo, w = %1)</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>paso de entrenamiento</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>Fréchet distance (classifier features)</source>
        <translation>distancia de Fréchet (características del clasificador)</translation>
    </message>
    <message>
        <source>Fréchet distance of samples</source>
        <translation>distancia de Fréchet de las muestras</translation>
    </message>
    <message>
        <source>its floor (train vs test images)</source>
        <translation>su mínimo (imágenes de entrenamiento vs. de prueba)</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Diffusion Lab</source>
        <translation>Diffusion Lab</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <source>Schedule lab</source>
        <translation>Laboratorio de ruido</translation>
    </message>
    <message>
        <source>Forward chain</source>
        <translation>Cadena directa</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>%1 is now the model of the sampling views.</source>
        <translation>%1 es ahora el modelo de las vistas de muestreo.</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>Cadena inversa</translation>
    </message>
    <message>
        <source>Compare samplers</source>
        <translation>Comparar muestreadores</translation>
    </message>
    <message>
        <source>ODE lab</source>
        <translation>Laboratorio EDO</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Open dataset</source>
        <translation>&amp;Abrir conjunto de datos</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Diffusion Lab</source>
        <translation>&amp;Acerca de Diffusion Lab</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>The language changes when Diffusion Lab is restarted.</source>
        <translation>El idioma cambia al reiniciar Diffusion Lab.</translation>
    </message>
    <message>
        <source>About Diffusion Lab</source>
        <translation>Acerca de Diffusion Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Diffusion Lab %1&lt;/h3&gt;&lt;p&gt;A laboratory for diffusion generative models: noise schedules, the forward noising chain, samplers, guidance, likelihoods and training.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Diffusion Lab %1&lt;/h3&gt;&lt;p&gt;Un laboratorio de modelos generativos de difusión: planes de ruido, la cadena directa de adición de ruido, muestreadores, guía, verosimilitudes y entrenamiento.&lt;/p&gt;&lt;p&gt;Compilado con Qt %2 y LibTorch.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>Cargando %1 …</translation>
    </message>
    <message numerus="yes">
        <source>Dataset: %1 (%Ln samples)</source>
        <translation>
            <numerusform>Conjunto de datos: %1 (%Ln muestra)</numerusform>
            <numerusform>Conjunto de datos: %1 (%Ln muestras)</numerusform>
        </translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 cargado</translation>
    </message>
    <message>
        <source>Fashion-MNIST was not found (%1); showing two moons instead. Install the package dataset-fashion-mnist for the image set.</source>
        <translation>No se encontró Fashion-MNIST (%1); se muestran dos lunas en su lugar. Instale el paquete dataset-fashion-mnist para el conjunto de imágenes.</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>&amp;Exportar vista…</translation>
    </message>
    <message>
        <source>Score lab</source>
        <translation>Laboratorio de score</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>Abrir &amp;sesión…</translation>
    </message>
    <message>
        <source>Open &amp;recent session</source>
        <translation>Abrir sesión &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>&amp;Guardar sesión</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>Guardar sesión &amp;como…</translation>
    </message>
    <message>
        <source>%1 — Diffusion Lab</source>
        <translation>%1 — Diffusion Lab</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (no encontrado)</translation>
    </message>
    <message>
        <source>Could not open the session %1</source>
        <translation>No se pudo abrir la sesión %1</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>No se pudo abrir la sesión</translation>
    </message>
    <message>
        <source>Opened the session %1</source>
        <translation>Sesión %1 abierta</translation>
    </message>
    <message>
        <source>Some settings of the session were not restored</source>
        <translation>Algunos ajustes de la sesión no se restauraron</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 opened, except:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;%2&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;%1 abierta, excepto:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;%2&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Abrir sesión</translation>
    </message>
    <message>
        <source>Diffusion Lab sessions (*.%1);;All files (*)</source>
        <translation>Sesiones de Diffusion Lab (*.%1);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Saved the session %1</source>
        <translation>Sesión %1 guardada</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>No se pudo guardar la sesión</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Guardar sesión</translation>
    </message>
    <message>
        <source>Diffusion Lab sessions (*.%1)</source>
        <translation>Sesiones de Diffusion Lab (*.%1)</translation>
    </message>
    <message>
        <source>L&amp;ecture mode</source>
        <translation>Modo &amp;clase</translation>
    </message>
    <message>
        <source>Larger text, lines and markers, the tab&apos;s equation with its numbers, and slide keys (space: play/pause; ←/→: step)</source>
        <translation>Texto, líneas y marcadores más grandes, la ecuación de la pestaña con sus números y teclas de diapositivas (espacio: reproducir/pausa; ←/→: paso)</translation>
    </message>
    <message>
        <source>Could not load %1: see the Dataset tab.</source>
        <translation>No se pudo cargar %1: véase la pestaña Conjunto de datos.</translation>
    </message>
</context>
<context>
    <name>MarginalPlots</name>
    <message>
        <source>mean of xₜ</source>
        <translation>media de xₜ</translation>
    </message>
    <message>
        <source>expected mean √ᾱₜ·mean(x₀)</source>
        <translation>media esperada √ᾱₜ·media(x₀)</translation>
    </message>
    <message>
        <source>std of xₜ</source>
        <translation>desv. típ. de xₜ</translation>
    </message>
    <message>
        <source>expected std √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)</source>
        <translation>desv. típ. esperada √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)</translation>
    </message>
    <message>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <source>histogram of xₜ</source>
        <translation>histograma de xₜ</translation>
    </message>
    <message>
        <source>N(0, 1) density</source>
        <translation>densidad de N(0, 1)</translation>
    </message>
    <message>
        <source>value of x_t</source>
        <translation>valor de x_t</translation>
    </message>
    <message>
        <source>density</source>
        <translation>densidad</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Mean and standard deviation of x_t over all pixels / coordinates of the batch, against their closed forms</source>
        <translation>Media y desviación típica de x_t sobre todos los píxeles / coordenadas del lote, frente a sus formas cerradas</translation>
    </message>
</context>
<context>
    <name>ModelOpener</name>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>unknown error while opening %1</source>
        <translation>error desconocido al abrir %1</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Pin to this view</source>
        <translation>Fijar en esta vista</translation>
    </message>
    <message>
        <source>Keep this view&apos;s model when another view or a finished training run changes the current model; choices made here then stay here</source>
        <translation>Conserva el modelo de esta vista cuando otra vista o un entrenamiento terminado cambia el modelo actual; lo que se elija aquí se queda aquí</translation>
    </message>
    <message>
        <source>Use the Schedule lab&apos;s schedule</source>
        <translation>Usar el plan del laboratorio de ruido</translation>
    </message>
    <message>
        <source>Ask the model at the noise level (log-SNR) of each of the lab&apos;s steps instead of its own schedule&apos;s; levels noisier than it was trained at are extrapolated</source>
        <translation>Consulta al modelo en el nivel de ruido (log-SNR) de cada paso del laboratorio en lugar del de su propio plan; los niveles más ruidosos que los de su entrenamiento se extrapolan</translation>
    </message>
    <message>
        <source>Not opened: %1</source>
        <translation>No abierto: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>No se puede abrir el modelo: %1</translation>
    </message>
    <message>
        <source>Sampled along the Schedule lab&apos;s schedule (%1) by matching log-SNR; trained on %2.</source>
        <translation>Muestreado según el plan del laboratorio de ruido (%1) igualando el log-SNR; entrenado con %2.</translation>
    </message>
    <message>
        <source>Data: %1 (from the model file).</source>
        <translation>Datos: %1 (del archivo del modelo).</translation>
    </message>
    <message>
        <source>Exact under the Schedule lab&apos;s schedule (%1).</source>
        <translation>Exacto con el plan del laboratorio de ruido (%1).</translation>
    </message>
    <message>
        <source>Schedule: its own, %1 (the same as the Schedule lab&apos;s).</source>
        <translation>Plan de ruido: el suyo, %1 (el mismo que el del laboratorio de ruido).</translation>
    </message>
    <message>
        <source>Schedule: its own, %1; the Schedule lab shows %2, which this model does not use.</source>
        <translation>Plan de ruido: el suyo, %1; el laboratorio de ruido muestra %2, que este modelo no usa.</translation>
    </message>
    <message>
        <source>Pinned: the other views use %1.</source>
        <translation>Fijado: las demás vistas usan %1.</translation>
    </message>
    <message>
        <source>Sampling starts at σ_VE = %1 (t = %2 of %3)</source>
        <translation>El muestreo empieza en σ_VE = %1 (t = %2 de %3)</translation>
    </message>
    <message>
        <source>Warning: an ε-prediction model on a zero-terminal-SNR schedule cannot predict x₀ at t = T (Lin et al. 2024, §3.3). %1. Train with v-prediction to sample from t = T.</source>
        <translation>Aviso: un modelo de predicción de ε con un calendario de SNR terminal nula no puede predecir x₀ en t = T (Lin et al. 2024, §3.3). %1. Entrene con predicción de v para muestrear desde t = T.</translation>
    </message>
    <message>
        <source>%1: an ε-prediction model&apos;s x₀ = (x − σ ε)/α would multiply its error by σ_VE(T) = %2 at t = T.</source>
        <translation>%1: en t = T, x₀ = (x − σ ε)/α multiplicaría el error de un modelo de predicción de ε por σ_VE(T) = %2.</translation>
    </message>
</context>
<context>
    <name>ModelSourceBox</name>
    <message>
        <source>Shipped model (%1): %2</source>
        <translation>Modelo incluido (%1): %2</translation>
    </message>
    <message>
        <source>The exact denoiser of this Gaussian mixture: no training error</source>
        <translation>El eliminador de ruido exacto de esta mezcla gaussiana: sin error de entrenamiento</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Abrir…</translation>
    </message>
    <message>
        <source>Open a checkpoint, a model from PyTorch (safetensors, torch.save, TorchScript), a diffusers UNet2DModel (choose its config.json) or a Gaussian-mixture JSON file</source>
        <translation>Abre un checkpoint, un modelo de PyTorch (safetensors, torch.save, TorchScript), un UNet2DModel de diffusers (elija su config.json) o un archivo JSON de mezcla gaussiana</translation>
    </message>
    <message>
        <source>Exact mixture: %1</source>
        <translation>Mezcla exacta: %1</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Abrir un modelo</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;All files (*)</source>
        <translation>Modelos (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>OdeLabView</name>
    <message>
        <source>Solver and samples</source>
        <translation>Solucionador y muestras</translation>
    </message>
    <message>
        <source>Spacing of the inversion grid; the default pair (%1, %2) measured best at 50 steps</source>
        <translation>Espaciado de la malla de inversión; el par por defecto (%1, %2) fue el mejor medido a 50 pasos</translation>
    </message>
    <message>
        <source>Solver</source>
        <translation>Solucionador</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>Espaciado</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Inversion</source>
        <translation>Inversión</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>Interpolación</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>Verosimilitud</translation>
    </message>
    <message>
        <source>Variational bound</source>
        <translation>Cota variacional</translation>
    </message>
    <message>
        <source>Editing (SDEdit)</source>
        <translation>Edición (SDEdit)</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>No se puede abrir el modelo: %1</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>Ejecutando %1…</translation>
    </message>
    <message>
        <source>%1 finished in %2 s.</source>
        <translation>%1 terminado en %2 s.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>incondicional</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exacta</translation>
    </message>
    <message>
        <source>The run was stopped: the model changed. Run again for the new model.</source>
        <translation>La ejecución se detuvo: el modelo cambió. Ejecute de nuevo para el modelo nuevo.</translation>
    </message>
    <message>
        <source>Exact inversion: each encoding step is iterated (fixed point, Pan et al. 2023, up to 4 times) so that the decoding step undoes it; the round trip&apos;s error then follows the residual left rather than the solver&apos;s discretisation error (far below it where the iterations converge; at few steps on narrow data they may not, and the plain walk can be better). Costs about 5 times the encoding&apos;s network evaluations; one-step solvers only (DDIM, Euler, Heun, DPM-2). The error curve always walks the plain grid: untick to see the round trip it measures.</source>
        <translation>Inversión exacta: cada paso de codificación se itera (punto fijo, Pan et al. 2023, hasta 4 veces) para que el paso de decodificación lo deshaga; el error del viaje de ida y vuelta sigue entonces al residuo restante y no al error de discretización del solucionador (muy por debajo de él donde las iteraciones convergen; con pocos pasos sobre datos estrechos puede que no lo hagan, y el recorrido simple puede ser mejor). Cuesta unas 5 veces las evaluaciones de red de la codificación; solo solucionadores de un paso (DDIM, Euler, Heun, DPM-2). La curva de error recorre siempre la malla simple: desmarque para ver el viaje de ida y vuelta que mide.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>The likelihood integrates the ODE adaptively (RK45, Dormand–Prince, to its tolerance): Solver, Spacing and Steps don&apos;t apply.</source>
        <translation>La verosimilitud integra la EDO de forma adaptativa (RK45, Dormand–Prince, hasta su tolerancia): Solucionador, Espaciado y Pasos no se aplican.</translation>
    </message>
    <message>
        <source>The bound sums one term per timestep t = 1…T: Solver, Spacing and Steps don&apos;t apply.</source>
        <translation>La cota suma un término por paso de tiempo t = 1…T: Solucionador, Espaciado y Pasos no se aplican.</translation>
    </message>
    <message>
        <source>Editing denoises with its own sampler and class (below) on a trailing grid that starts at t₀: Solver, Spacing and Class don&apos;t apply.</source>
        <translation>La edición elimina el ruido con su propio muestreador y clase (abajo) sobre una malla trailing que empieza en t₀: Solucionador, Espaciado y Clase no se aplican.</translation>
    </message>
    <message>
        <source>Interpolation decodes with Solver, Spacing and Steps; its seeds and classes are its own (below).</source>
        <translation>La interpolación decodifica con Solucionador, Espaciado y Pasos; sus semillas y clases son propias (abajo).</translation>
    </message>
    <message>
        <source>RK45 chooses its own steps to its tolerance: Steps doesn&apos;t apply.</source>
        <translation>RK45 elige sus propios pasos según su tolerancia: Pasos no se aplica.</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>Rewind to the first step</source>
        <translation>Volver al primer paso</translation>
    </message>
    <message>
        <source>One step back</source>
        <translation>Un paso atrás</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Reproducir / pausa</translation>
    </message>
    <message>
        <source>One step forward</source>
        <translation>Un paso adelante</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> pasos/s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
</context>
<context>
    <name>PlotViewBar</name>
    <message>
        <source>Fit to data</source>
        <translation>Ajustar a los datos</translation>
    </message>
    <message>
        <source>Frame the data (grey); drag to pan, use the wheel to zoom</source>
        <translation>Encuadra los datos (gris); arrastre para desplazar, use la rueda para ampliar</translation>
    </message>
    <message>
        <source>Fit to samples</source>
        <translation>Ajustar a las muestras</translation>
    </message>
    <message>
        <source>Frame 99 % of the samples on each axis</source>
        <translation>Encuadra el 99 % de las muestras en cada eje</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 samples outside the view</source>
        <translation>
            <numerusform>%n de %1 muestras fuera de la vista</numerusform>
            <numerusform>%n de %1 muestras fuera de la vista</numerusform>
        </translation>
    </message>
    <message>
        <source> (beyond 99 % of the samples)</source>
        <translation> (más allá del 99 % de las muestras)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The file does not name its data set: model samples stand in for data.</source>
        <translation>El archivo no indica su conjunto de datos: las muestras del modelo hacen de datos.</translation>
    </message>
    <message>
        <source>The model&apos;s data set %1 has samples of another shape than the model&apos;s; model samples stand in for data.</source>
        <translation>El conjunto de datos %1 del modelo tiene muestras de otra forma que las del modelo; las muestras del modelo hacen de datos.</translation>
    </message>
    <message>
        <source>The model&apos;s data set could not be loaded (%1): model samples stand in for data.</source>
        <translation>No se pudo cargar el conjunto de datos del modelo (%1): las muestras del modelo hacen de datos.</translation>
    </message>
    <message>
        <source>β table</source>
        <translation>tabla de β</translation>
    </message>
    <message>
        <source>, zero terminal SNR</source>
        <translation>, SNR final nulo</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>Exportar animación</translation>
    </message>
    <message>
        <source>The animation was not written: %1</source>
        <translation>No se escribió la animación: %1</translation>
    </message>
    <message>
        <source>There is nothing to animate yet: wait until the chain has been computed.</source>
        <translation>Aún no hay nada que animar: espere a que se calcule la cadena.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save this plot as PNG, PDF or SVG</source>
        <translation>Guarda esta gráfica como PNG, PDF o SVG</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>Exportar imagen…</translation>
    </message>
    <message>
        <source>Save this picture as PNG</source>
        <translation>Guarda esta imagen como PNG</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: a plot is written as .png, .pdf or .svg.</source>
        <translation>No se puede exportar a «%1»: una gráfica se escribe como .png, .pdf o .svg.</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: the plot could not be drawn.</source>
        <translation>No se puede exportar a «%1»: no se pudo dibujar la gráfica.</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: a picture is written as .png.</source>
        <translation>No se puede exportar a «%1»: una imagen se escribe como .png.</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: there is no picture yet.</source>
        <translation>No se puede exportar a «%1»: aún no hay ninguna imagen.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Exportar gráfica</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>Exportar imagen</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exportar vista</translation>
    </message>
    <message>
        <source>This view shows no plot or picture to export yet.</source>
        <translation>Esta vista aún no muestra ninguna gráfica ni imagen que exportar.</translation>
    </message>
</context>
<context>
    <name>SampleDisplay</name>
    <message>
        <source>data</source>
        <translation>datos</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>muestras</translation>
    </message>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>spread (1-D data)</source>
        <translation>dispersión (datos 1-D)</translation>
    </message>
</context>
<context>
    <name>SampleGridWidget</name>
    <message>
        <source>Samples appear here while training runs.</source>
        <translation>Aquí aparecen muestras mientras se entrena.</translation>
    </message>
    <message>
        <source>data</source>
        <translation>datos</translation>
    </message>
    <message>
        <source>samples (EMA)</source>
        <translation>muestras (EMA)</translation>
    </message>
</context>
<context>
    <name>SamplerComparisonView</name>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>No se puede abrir el modelo: %1</translation>
    </message>
    <message>
        <source>Save optimised steps</source>
        <translation>Guardar pasos optimizados</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>%v / %m runs</source>
        <translation>%v / %m ejecuciones</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n result(s).</source>
        <translation>
            <numerusform>Hecho: %n resultado.</numerusform>
            <numerusform>Hecho: %n resultados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Comparación</translation>
    </message>
    <message>
        <source>Samplers</source>
        <translation>Muestreadores</translation>
    </message>
    <message>
        <source>Step counts, separated by commas</source>
        <translation>Números de pasos, separados por comas</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <source>Energy distance</source>
        <translation>Distancia de energía</translation>
    </message>
    <message>
        <source>Sliced Wasserstein W₂</source>
        <translation>Sliced Wasserstein W₂</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distancia</translation>
    </message>
    <message>
        <source>recommended per sampler</source>
        <translation>el recomendado de cada muestreador</translation>
    </message>
    <message>
        <source>Each sampler&apos;s recommended spacing (measured on the exact mixtures, docs/samplers.md), or one spacing for all</source>
        <translation>El espaciado recomendado de cada muestreador (medido en las mezclas exactas, docs/samplers.md), o un espaciado para todos</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>Espaciado</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
    <message>
        <source>Choose at least one sampler and one step count.</source>
        <translation>Elija al menos un muestreador y un número de pasos.</translation>
    </message>
    <message>
        <source>%1 at %2 steps: %3</source>
        <translation>%1 con %2 pasos: %3</translation>
    </message>
    <message>
        <source>%1 (optimised)</source>
        <translation>%1 (optimizado)</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n paso</numerusform>
            <numerusform>%n pasos</numerusform>
        </translation>
    </message>
    <message>
        <source>Running %1 samplers × %2 step counts…</source>
        <translation>Ejecutando %1 muestreadores × %2 números de pasos…</translation>
    </message>
    <message>
        <source>Running (no 2-D data to measure against: results only)…</source>
        <translation>Ejecutando (sin datos 2-D con los que comparar: solo resultados)…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>NFE %1, %2 s</source>
        <translation>NFE %1, %2 s</translation>
    </message>
    <message>
        <source>, distance %1</source>
        <translation>, distancia %1</translation>
    </message>
    <message>
        <source>Check a deterministic sampler (DDIM with η = 0 is not one here; e.g. DPM-Solver++(2M) or UniPC): optimised steps follow the ODE.</source>
        <translation>Marque un muestreador determinista (DDIM con η = 0 no lo es aquí; p. ej. DPM-Solver++(2M) o UniPC): los pasos optimizados siguen la EDO.</translation>
    </message>
    <message>
        <source>The optimised steps were for the previous model or schedule: optimise again.</source>
        <translation>Los pasos optimizados eran para el modelo o plan de ruido anterior: optimice de nuevo.</translation>
    </message>
    <message>
        <source>Saved the optimised steps to %1.</source>
        <translation>Pasos optimizados guardados en %1.</translation>
    </message>
    <message>
        <source>The run was stopped: the model changed. Run again for the new model.</source>
        <translation>La ejecución se detuvo: el modelo cambió. Ejecute de nuevo para el modelo nuevo.</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n result(s), samples only: no 2-D data to measure distances against.</source>
        <translation>
            <numerusform>Listo: %n resultado, solo muestras: no hay datos 2-D con los que medir distancias.</numerusform>
            <numerusform>Listo: %n resultados, solo muestras: no hay datos 2-D con los que medir distancias.</numerusform>
        </translation>
    </message>
    <message>
        <source>no distances yet</source>
        <translation>aún no hay distancias</translation>
    </message>
</context>
<context>
    <name>SamplerOptionsForm</name>
    <message>
        <source>Sampler</source>
        <translation>Muestreador</translation>
    </message>
    <message>
        <source>Number of sampling steps N, independent of the training steps T</source>
        <translation>Número de pasos de muestreo N, independiente de los pasos de entrenamiento T</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>Espaciado</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>custom (%1 steps)</source>
        <translation>personalizado (%1 pasos)</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (recomendado)</translation>
    </message>
    <message>
        <source>Karras ρ</source>
        <translation>ρ de Karras</translation>
    </message>
    <message>
        <source>σ_max cap</source>
        <translation>tope de σ_max</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Varianza</translation>
    </message>
    <message>
        <source>Langevin step ε</source>
        <translation>Paso de Langevin ε</translation>
    </message>
    <message>
        <source>Steps per level</source>
        <translation>Pasos por nivel</translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation>Predictor</translation>
    </message>
    <message>
        <source>Corrector steps</source>
        <translation>Pasos del corrector</translation>
    </message>
    <message>
        <source>Target SNR</source>
        <translation>SNR objetivo</translation>
    </message>
    <message>
        <source>Lower order at the end</source>
        <translation>Orden menor al final</translation>
    </message>
    <message>
        <source>Restart σ_min</source>
        <translation>σ_min de reinicio</translation>
    </message>
    <message>
        <source>Restart σ_max</source>
        <translation>σ_max de reinicio</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Reinicios</translation>
    </message>
    <message>
        <source>Restart steps</source>
        <translation>Pasos de reinicio</translation>
    </message>
    <message>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <source>rtol</source>
        <translation>rtol</translation>
    </message>
    <message>
        <source>atol</source>
        <translation>atol</translation>
    </message>
</context>
<context>
    <name>ScheduleControlPointEditor</name>
    <message>
        <source>control points</source>
        <translation>puntos de control</translation>
    </message>
</context>
<context>
    <name>ScheduleControls</name>
    <message>
        <source>Choose a preset…</source>
        <translation>Elegir un preajuste…</translation>
    </message>
    <message>
        <source>DDPM: linear 10⁻⁴…0.02 (Ho et al. 2020)</source>
        <translation>DDPM: lineal 10⁻⁴…0.02 (Ho et al. 2020)</translation>
    </message>
    <message>
        <source>Stable Diffusion: scaled-linear 0.00085…0.012</source>
        <translation>Stable Diffusion: lineal escalado 0.00085…0.012</translation>
    </message>
    <message>
        <source>Improved DDPM: cosine (Nichol &amp; Dhariwal 2021)</source>
        <translation>Improved DDPM: coseno (Nichol &amp; Dhariwal 2021)</translation>
    </message>
    <message>
        <source>Stable Diffusion + zero terminal SNR (Lin et al. 2024)</source>
        <translation>Stable Diffusion + SNR final nulo (Lin et al. 2024)</translation>
    </message>
    <message>
        <source>Fills in the parameters of a published schedule</source>
        <translation>Rellena los parámetros de un plan de ruido publicado</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preajuste</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Lineal</translation>
    </message>
    <message>
        <source>Scaled linear</source>
        <translation>Lineal escalado</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Coseno</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoide</translation>
    </message>
    <message>
        <source>Custom (log-SNR points)</source>
        <translation>Personalizado (puntos de log-SNR)</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Number of training steps T</source>
        <translation>Número de pasos de entrenamiento T</translation>
    </message>
    <message>
        <source>Steps T</source>
        <translation>Pasos T</translation>
    </message>
    <message>
        <source>β at t = 1</source>
        <translation>β en t = 1</translation>
    </message>
    <message>
        <source>β start</source>
        <translation>β inicial</translation>
    </message>
    <message>
        <source>β at t = T</source>
        <translation>β en t = T</translation>
    </message>
    <message>
        <source>β end</source>
        <translation>β final</translation>
    </message>
    <message>
        <source>Offset s of the cosine schedule (Nichol &amp; Dhariwal 2021, eq. 17)</source>
        <translation>Desplazamiento s del plan coseno (Nichol &amp; Dhariwal 2021, ec. 17)</translation>
    </message>
    <message>
        <source>Cosine offset s</source>
        <translation>Desplazamiento s del coseno</translation>
    </message>
    <message>
        <source>The cosine schedule clips β_t at this value</source>
        <translation>El plan coseno limita β_t a este valor</translation>
    </message>
    <message>
        <source>Max β</source>
        <translation>β máx.</translation>
    </message>
    <message>
        <source>Zero terminal SNR</source>
        <translation>SNR final nulo</translation>
    </message>
    <message>
        <source>Rescale √ᾱ_t so that ᾱ_T = 0: the model is trained on pure noise at t = T (Lin et al. 2024)</source>
        <translation>Reescala √ᾱ_t para que ᾱ_T = 0: el modelo se entrena con ruido puro en t = T (Lin et al. 2024)</translation>
    </message>
    <message>
        <source>Drag the points on the log-SNR plot. Double-click adds a point, right-click removes one.</source>
        <translation>Arrastre los puntos en la gráfica de log-SNR. Doble clic añade un punto, clic derecho quita uno.</translation>
    </message>
    <message>
        <source>Reset points</source>
        <translation>Restablecer puntos</translation>
    </message>
    <message>
        <source>Place control points on the schedule last shown</source>
        <translation>Coloca puntos de control sobre el último plan mostrado</translation>
    </message>
    <message numerus="yes">
        <source>Custom table with %n value(s), loaded from a file.</source>
        <translation>
            <numerusform>Tabla personalizada con %n valor, cargada de un archivo.</numerusform>
            <numerusform>Tabla personalizada con %n valores, cargada de un archivo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScheduleLabView</name>
    <message>
        <source>Schedule (A, solid)</source>
        <translation>Plan de ruido (A, continuo)</translation>
    </message>
    <message>
        <source>Compare with… (B, dashed)</source>
        <translation>Comparar con… (B, discontinuo)</translation>
    </message>
    <message>
        <source>Freeze current as B</source>
        <translation>Fijar el actual como B</translation>
    </message>
    <message>
        <source>Copy schedule A into B, then change A to compare</source>
        <translation>Copia el plan A en B; luego cambie A para comparar</translation>
    </message>
    <message>
        <source>β_t: variance of the noise added at step t</source>
        <translation>β_t: varianza del ruido añadido en el paso t</translation>
    </message>
    <message>
        <source>β_t</source>
        <translation>β_t</translation>
    </message>
    <message>
        <source>ᾱ_t: fraction of the signal&apos;s variance left</source>
        <translation>ᾱ_t: fracción restante de la varianza de la señal</translation>
    </message>
    <message>
        <source>ᾱ_t</source>
        <translation>ᾱ_t</translation>
    </message>
    <message>
        <source>Log-SNR λ_t = log(ᾱ_t / (1 − ᾱ_t))</source>
        <translation>Log-SNR λ_t = log(ᾱ_t / (1 − ᾱ_t))</translation>
    </message>
    <message>
        <source>λ_t</source>
        <translation>λ_t</translation>
    </message>
    <message>
        <source>Noise level √(1 − ᾱ_t) and σ_t = √((1 − ᾱ_t) / ᾱ_t)</source>
        <translation>Nivel de ruido √(1 − ᾱ_t) y σ_t = √((1 − ᾱ_t) / ᾱ_t)</translation>
    </message>
    <message>
        <source>√(1 − ᾱ_t)</source>
        <translation>√(1 − ᾱ_t)</translation>
    </message>
    <message>
        <source>σ_t</source>
        <translation>σ_t</translation>
    </message>
    <message>
        <source>σ_t (log scale)</source>
        <translation>σ_t (escala log.)</translation>
    </message>
    <message>
        <source>Invalid schedule: %1. The plots show the last valid schedule.</source>
        <translation>Plan de ruido no válido: %1. Las gráficas muestran el último plan válido.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The terminal SNR is far from zero:&lt;/b&gt; ᾱ_T = %1, so x_T still keeps %2 % of the image&apos;s amplitude (√ᾱ_T). The model never sees pure noise in training, yet sampling starts from pure noise; such models cannot make very bright or very dark images (Lin et al. 2024, “Common Diffusion Noise Schedules and Sample Steps are Flawed”). Tick &lt;i&gt;Zero terminal SNR&lt;/i&gt; to rescale.</source>
        <translation>&lt;b&gt;El SNR final está lejos de cero:&lt;/b&gt; ᾱ_T = %1, así que x_T conserva aún el %2 % de la amplitud de la imagen (√ᾱ_T). El modelo nunca ve ruido puro en el entrenamiento, pero el muestreo parte de ruido puro; estos modelos no pueden generar imágenes muy claras ni muy oscuras (Lin et al. 2024, «Common Diffusion Noise Schedules and Sample Steps are Flawed»). Marque &lt;i&gt;SNR final nulo&lt;/i&gt; para reescalar.</translation>
    </message>
    <message>
        <source>T = %1 · ᾱ_T = %2 · λ from %3 to %4</source>
        <translation>T = %1 · ᾱ_T = %2 · λ de %3 a %4</translation>
    </message>
    <message>
        <source>Invalid schedule: %1</source>
        <translation>Plan de ruido no válido: %1</translation>
    </message>
</context>
<context>
    <name>SchedulePlot</name>
    <message>
        <source>training step t</source>
        <translation>paso de entrenamiento t</translation>
    </message>
    <message>
        <source>sampler&apos;s steps</source>
        <translation>pasos del muestreador</translation>
    </message>
    <message>
        <source>%1 — A: %2</source>
        <translation>%1 — A: %2</translation>
    </message>
    <message>
        <source>%1 — B: %2</source>
        <translation>%1 — B: %2</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <source>%1 (A)</source>
        <translation>%1 (A)</translation>
    </message>
    <message>
        <source>%1 (B)</source>
        <translation>%1 (B)</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
</context>
<context>
    <name>ScoreFieldPicture</name>
    <message>
        <source>the DSM network</source>
        <translation>la red DSM</translation>
    </message>
    <message>
        <source>the SSM network</source>
        <translation>la red SSM</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>el modelo</translation>
    </message>
    <message>
        <source>the exact score</source>
        <translation>el score exacto</translation>
    </message>
    <message>
        <source>t = %1: σ/α = %2.</source>
        <translation>t = %1: σ/α = %2.</translation>
    </message>
    <message>
        <source> Red: %1, black: exact. Error weighted by p_t: %2 relative (unweighted mean %3): scores are learned only where the data are.</source>
        <translation> Rojo: %1; negro: exacto. Error ponderado por p_t: %2 relativo (media sin ponderar %3): los scores solo se aprenden donde están los datos.</translation>
    </message>
    <message>
        <source> Heat: log₁₀ ‖s_θ − s*‖².</source>
        <translation> Mapa de calor: log₁₀ ‖s_θ − s*‖².</translation>
    </message>
    <message>
        <source> Choose a network under Arrows to see its error.</source>
        <translation> Elija una red en «Flechas» para ver su error.</translation>
    </message>
    <message>
        <source> Heat: log p_t of %1 by the probability-flow ODE.</source>
        <translation> Mapa de calor: log p_t según %1, mediante la EDO de flujo de probabilidad.</translation>
    </message>
    <message>
        <source> Heat: exact log p_t.</source>
        <translation> Mapa de calor: log p_t exacto.</translation>
    </message>
    <message>
        <source> Black: the exact score; %1 is not available.</source>
        <translation> Negro: el score exacto; %1 no está disponible.</translation>
    </message>
    <message>
        <source>the exact mixture</source>
        <translation>la mezcla exacta</translation>
    </message>
    <message>
        <source>log p_t (ODE)</source>
        <translation>log p_t (EDO)</translation>
    </message>
    <message>
        <source>exact log p_t</source>
        <translation>log p_t exacto</translation>
    </message>
</context>
<context>
    <name>ScoreLabPlots</name>
    <message>
        <source>exact score</source>
        <translation>score exacto</translation>
    </message>
    <message>
        <source>learned score</source>
        <translation>score aprendido</translation>
    </message>
    <message>
        <source>particles</source>
        <translation>partículas</translation>
    </message>
    <message>
        <source>true weight</source>
        <translation>peso real</translation>
    </message>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <source>DSM loss</source>
        <translation>pérdida DSM</translation>
    </message>
    <message>
        <source>SSM loss + 1</source>
        <translation>pérdida SSM + 1</translation>
    </message>
    <message>
        <source>DSM field error</source>
        <translation>error del campo DSM</translation>
    </message>
    <message>
        <source>SSM field error</source>
        <translation>error del campo SSM</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>modo</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>error relativo</translation>
    </message>
    <message>
        <source>Field error E‖s_θ − s*‖² / E‖s*‖² over the grid, averaged over t</source>
        <translation>Error del campo E‖s_θ − s*‖² / E‖s*‖² sobre la rejilla, promediado en t</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
    <message>
        <source>start region (drag to move)</source>
        <translation>región inicial (arrastre para moverla)</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>fracción</translation>
    </message>
    <message>
        <source>Fraction of the particles per mode, beside the mixture&apos;s true weights</source>
        <translation>Fracción de partículas por modo, junto a los pesos reales de la mezcla</translation>
    </message>
</context>
<context>
    <name>ScoreLabSettings</name>
    <message>
        <source>Score field</source>
        <translation>Campo de score</translation>
    </message>
    <message>
        <source>mixture: %1</source>
        <translation>mezcla: %1</translation>
    </message>
    <message>
        <source>two moons (data points)</source>
        <translation>dos lunas (puntos de datos)</translation>
    </message>
    <message>
        <source>swiss roll (data points)</source>
        <translation>rollo suizo (puntos de datos)</translation>
    </message>
    <message>
        <source>checkerboard (data points)</source>
        <translation>tablero de ajedrez (puntos de datos)</translation>
    </message>
    <message>
        <source>A mixture&apos;s score is exact. For data that are not a mixture the reference is the exact score of 4000 further points drawn from the same recipe (Karras et al. 2022&apos;s ideal denoiser).</source>
        <translation>El score de una mezcla es exacto. Para datos que no son una mezcla, la referencia es el score exacto de otros 4000 puntos generados con la misma receta (el eliminador de ruido ideal de Karras et al. 2022).</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Time t</source>
        <translation>Tiempo t</translation>
    </message>
    <message>
        <source>exact score</source>
        <translation>score exacto</translation>
    </message>
    <message>
        <source>DSM network against exact</source>
        <translation>red DSM frente a exacto</translation>
    </message>
    <message>
        <source>SSM network against exact</source>
        <translation>red SSM frente a exacto</translation>
    </message>
    <message>
        <source>the model (below) against exact</source>
        <translation>el modelo (abajo) frente al exacto</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>Flechas</translation>
    </message>
    <message>
        <source>log p_t (exact)</source>
        <translation>log p_t (exacto)</translation>
    </message>
    <message>
        <source>error ‖s_θ − s*‖²</source>
        <translation>error ‖s_θ − s*‖²</translation>
    </message>
    <message>
        <source>log p_t of the arrows&apos; model (ODE)</source>
        <translation>log p_t del modelo de las flechas (EDO)</translation>
    </message>
    <message>
        <source>The model&apos;s own density comes from the probability-flow ODE likelihood (exact divergence), computed on the worker.</source>
        <translation>La densidad propia del modelo se obtiene de la verosimilitud de la EDO de flujo de probabilidad (divergencia exacta), calculada en segundo plano.</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Malla</translation>
    </message>
    <message>
        <source>Langevin dynamics</source>
        <translation>Dinámica de Langevin</translation>
    </message>
    <message>
        <source>DSM network</source>
        <translation>red DSM</translation>
    </message>
    <message>
        <source>SSM network</source>
        <translation>red SSM</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>el modelo</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Annealed (Song &amp;&amp; Ermon 2019)</source>
        <translation>Recocido (Song &amp;&amp; Ermon 2019)</translation>
    </message>
    <message>
        <source>Particles</source>
        <translation>Partículas</translation>
    </message>
    <message>
        <source>x ← x + δ ∇log p(x) + √(2δ) z</source>
        <translation>x ← x + δ ∇log p(x) + √(2δ) z</translation>
    </message>
    <message>
        <source>Step δ</source>
        <translation>Paso δ</translation>
    </message>
    <message>
        <source>Annealed: the step at level i is δ_i = r σ_i²</source>
        <translation>Recocido: el paso en el nivel i es δ_i = r σ_i²</translation>
    </message>
    <message>
        <source>Step ratio r</source>
        <translation>Razón de paso r</translation>
    </message>
    <message>
        <source>Steps (per level)</source>
        <translation>Pasos (por nivel)</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <source>Largest σ</source>
        <translation>σ máxima</translation>
    </message>
    <message>
        <source>Drag on the plot to choose where the particles start.</source>
        <translation>Arrastre sobre la gráfica para elegir dónde empiezan las partículas.</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Exportar animación…</translation>
    </message>
    <message>
        <source>Score matching: DSM against SSM</source>
        <translation>Score matching: DSM frente a SSM</translation>
    </message>
    <message>
        <source>ε (noise)</source>
        <translation>ε (ruido)</translation>
    </message>
    <message>
        <source>x₀ (clean data)</source>
        <translation>x₀ (datos limpios)</translation>
    </message>
    <message>
        <source>v (velocity)</source>
        <translation>v (velocidad)</translation>
    </message>
    <message>
        <source>DSM predicts</source>
        <translation>DSM predice</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Both networks start from the same weights and see the same batches. The SSM network needs no noise target, only a Jacobian–vector product.</source>
        <translation>Ambas redes parten de los mismos pesos y ven los mismos lotes. La red SSM no necesita un objetivo de ruido, solo un producto jacobiano–vector.</translation>
    </message>
    <message>
        <source>α = %1, σ = %2, σ/α = %3</source>
        <translation>α = %1, σ = %2, σ/α = %3</translation>
    </message>
</context>
<context>
    <name>ScoreLabView</name>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>Run particles</source>
        <translation>Ejecutar partículas</translation>
    </message>
    <message>
        <source>Train both</source>
        <translation>Entrenar ambas</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Cannot use this data set: %1</source>
        <translation>No se puede usar este conjunto de datos: %1</translation>
    </message>
    <message>
        <source>Train the networks first (Score matching ▸ Train both); showing the exact score.</source>
        <translation>Entrene primero las redes (Score matching ▸ Entrenar ambas); se muestra el score exacto.</translation>
    </message>
    <message>
        <source>Train the networks first (Score matching ▸ Train both), or run on the exact score.</source>
        <translation>Entrene primero las redes (Score matching ▸ Entrenar ambas) o ejecute con el score exacto.</translation>
    </message>
    <message>
        <source>Langevin particles…</source>
        <translation>Partículas de Langevin…</translation>
    </message>
    <message>
        <source>Particles done: the bars show where they ended, the grey ones the true weights.</source>
        <translation>Partículas terminadas: las barras muestran dónde acabaron; las grises, los pesos reales.</translation>
    </message>
    <message>
        <source>%1 frames of %2 particles</source>
        <translation>%1 fotogramas de %2 partículas</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entrenando…</translation>
    </message>
    <message>
        <source>Training DSM and SSM…</source>
        <translation>Entrenando DSM y SSM…</translation>
    </message>
    <message>
        <source>Trained %1 steps. Field error (relative, mean over t): DSM %2, SSM %3.</source>
        <translation>Entrenados %1 pasos. Error del campo (relativo, media sobre t): DSM %2, SSM %3.</translation>
    </message>
    <message>
        <source>%1 is not a 2-D model: the score lab needs a model of points (a two-moons or mixture checkpoint, or a mixture).</source>
        <translation>%1 no es un modelo 2-D: el laboratorio de score necesita un modelo de puntos (un checkpoint de dos lunas o de mezcla, o una mezcla).</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
    <message>
        <source>Not a model of points in the plane: the score lab draws 2-D fields</source>
        <translation>No es un modelo de puntos en el plano: el laboratorio de score dibuja campos 2-D</translation>
    </message>
    <message>
        <source> The model was trained on %1, the reference is %2: the error includes the difference between the two data sets.</source>
        <translation> El modelo se entrenó con %1 y la referencia es %2: el error incluye la diferencia entre los dos conjuntos de datos.</translation>
    </message>
    <message>
        <source>The particles followed the previous model: run them again for this one.</source>
        <translation>Las partículas seguían al modelo anterior: vuelva a ejecutarlas para este.</translation>
    </message>
    <message>
        <source>Drawing the field of %1…</source>
        <translation>Dibujando el campo de %1…</translation>
    </message>
</context>
<context>
    <name>StepOptimiserPanel</name>
    <message>
        <source>Optimised steps</source>
        <translation>Pasos optimizados</translation>
    </message>
    <message>
        <source>Steps of the grid to optimise, for the first checked deterministic sampler</source>
        <translation>Pasos de la malla a optimizar, para el primer muestreador determinista marcado</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Optimise steps</source>
        <translation>Optimizar pasos</translation>
    </message>
    <message>
        <source>Search t_1 &gt; … &gt; t_{N−1} so that the sampler&apos;s samples come closest to the RK45 solution of the probability-flow ODE (Sabour et al. 2024; Chen et al. 2024)</source>
        <translation>Busca t_1 &gt; … &gt; t_{N−1} de modo que las muestras del muestreador se acerquen lo más posible a la solución RK45 de la EDO de flujo de probabilidad (Sabour et al. 2024; Chen et al. 2024)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>Save the optimised grid as JSON (difflab-cli sample --timesteps-file)</source>
        <translation>Guarda la malla optimizada como JSON (difflab-cli sample --timesteps-file)</translation>
    </message>
    <message>
        <source>Optimising failed: %1</source>
        <translation>La optimización falló: %1</translation>
    </message>
    <message>
        <source>Stop optimising</source>
        <translation>Detener la optimización</translation>
    </message>
    <message>
        <source>Optimising %1 steps of %2…</source>
        <translation>Optimizando %1 pasos de %2…</translation>
    </message>
    <message>
        <source>Optimising… %1 %, error %2</source>
        <translation>Optimizando… %1 %, error %2</translation>
    </message>
    <message>
        <source>%1 at %2 steps: RMS distance to the exact ODE %3 with optimised steps, %4 with the best fixed spacing (%5 sampler runs). Run to compare.</source>
        <translation>%1 con %2 pasos: distancia RMS a la EDO exacta %3 con pasos optimizados, %4 con el mejor espaciado fijo (%5 ejecuciones del muestreador). Pulse «Ejecutar» para comparar.</translation>
    </message>
    <message>
        <source>No optimised steps yet: press Optimise steps first.</source>
        <translation>Aún no hay pasos optimizados: pulse primero «Optimizar pasos».</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>TimestepLossHeatmap</name>
    <message>
        <source>loss (unweighted)</source>
        <translation>pérdida (sin ponderar)</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>paso de entrenamiento</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>paso de tiempo t</translation>
    </message>
    <message>
        <source>t %1–%2</source>
        <translation>t %1–%2</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <source>MLP (hidden 128, 3 blocks) — points</source>
        <translation>MLP (oculta 128, 3 bloques) — puntos</translation>
    </message>
    <message>
        <source>MLP large (hidden 256, 4 blocks) — points</source>
        <translation>MLP grande (oculta 256, 4 bloques) — puntos</translation>
    </message>
    <message>
        <source>DDPM U-Net small — 28–32 px images, CPU</source>
        <translation>U-Net de DDPM pequeña — imágenes de 28–32 px, CPU</translation>
    </message>
    <message>
        <source>Lecture notebook SimpleUnet (62 M) — images</source>
        <translation>SimpleUnet del notebook de clase (62 M) — imágenes</translation>
    </message>
    <message>
        <source>DDPM U-Net CIFAR-10 (35.7 M) — images, GPU</source>
        <translation>U-Net de DDPM CIFAR-10 (35.7 M) — imágenes, GPU</translation>
    </message>
    <message>
        <source>Data and network</source>
        <translation>Datos y red</translation>
    </message>
    <message>
        <source>A built-in data set or any data set spec (see docs/file-formats.md)</source>
        <translation>Un conjunto de datos integrado o cualquier especificación de conjunto de datos (véase docs/file-formats.md)</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>class-conditional</source>
        <translation>condicionado a la clase</translation>
    </message>
    <message>
        <source>Learn a class embedding with a null class, for classifier-free guidance</source>
        <translation>Aprende una incrustación de clase con una clase nula, para la guía sin clasificador</translation>
    </message>
    <message>
        <source>Probability of dropping the label to the null class (Ho &amp; Salimans 2022)</source>
        <translation>Probabilidad de sustituir la etiqueta por la clase nula (Ho &amp; Salimans 2022)</translation>
    </message>
    <message>
        <source>p_uncond</source>
        <translation>p_uncond</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>noise ε</source>
        <translation>ruido ε</translation>
    </message>
    <message>
        <source>data x₀</source>
        <translation>datos x₀</translation>
    </message>
    <message>
        <source>velocity v</source>
        <translation>velocidad v</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Predecir</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>L1 (lecture notebook)</source>
        <translation>L1 (notebook de clase)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>none (L_simple)</source>
        <translation>ninguna (L_simple)</translation>
    </message>
    <message>
        <source>ELBO C_t</source>
        <translation>ELBO C_t</translation>
    </message>
    <message>
        <source>min-SNR-γ (γ = 5)</source>
        <translation>min-SNR-γ (γ = 5)</translation>
    </message>
    <message>
        <source>Weighting</source>
        <translation>Ponderación</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>uniforme</translation>
    </message>
    <message>
        <source>π(t) ∝ 1/σ_t²</source>
        <translation>π(t) ∝ 1/σ_t²</translation>
    </message>
    <message>
        <source>from the loss history</source>
        <translation>según el historial de pérdida</translation>
    </message>
    <message>
        <source>t sampling</source>
        <translation>muestreo de t</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Plan de ruido</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimización</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>Pasos de calentamiento</translation>
    </message>
    <message>
        <source>EMA decay</source>
        <translation>Decaimiento EMA</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>CUDA devices are listed when this build of LibTorch has CUDA and a GPU is present</source>
        <translation>Los dispositivos CUDA aparecen cuando esta compilación de LibTorch tiene CUDA y hay una GPU</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <source>bf16 autocast</source>
        <translation>autocast bf16</translation>
    </message>
    <message>
        <source>bf16 autocast runs convolutions and matrix products in bfloat16 (normalisation stays fp32): faster on GPUs and on CPUs with AVX-512 BF16 or AMX, slower on other CPUs</source>
        <translation>El autocast bf16 calcula convoluciones y productos de matrices en bfloat16 (la normalización sigue en fp32): más rápido en GPU y en CPU con AVX-512 BF16 o AMX, más lento en otras CPU</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Threads for the CPU&apos;s matrix and convolution kernels, per process</source>
        <translation>Hilos para los núcleos de matrices y convoluciones de la CPU, por proceso</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>Hilos de CPU</translation>
    </message>
    <message>
        <source>Data-parallel processes on this computer (PyTorch&apos;s c10d with Gloo; NCCL on GPUs). Each takes an equal share of every batch and the gradients are summed, so the run is the same as one process. This window is rank 0 and draws the plots; the others run difflab-cli. A multi-process run cannot pause.</source>
        <translation>Procesos en paralelo de datos en este ordenador (c10d de PyTorch con Gloo; NCCL en GPU). Cada uno toma una parte igual de cada lote y los gradientes se suman, así que el entrenamiento es el mismo que con un proceso. Esta ventana es el rango 0 y dibuja las gráficas; los demás ejecutan difflab-cli. Un entrenamiento con varios procesos no se puede pausar.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Procesos</translation>
    </message>
    <message>
        <source>Checkpoints and previews</source>
        <translation>Checkpoints y vistas previas</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose where the checkpoint is written</source>
        <translation>Elija dónde se escribe el checkpoint</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <source>only at the end / on Stop</source>
        <translation>solo al final / al detener</translation>
    </message>
    <message>
        <source>Save every</source>
        <translation>Guardar cada</translation>
    </message>
    <message>
        <source>new model</source>
        <translation>modelo nuevo</translation>
    </message>
    <message>
        <source>Continue from this checkpoint: its network, objective and schedule are used</source>
        <translation>Continuar desde este checkpoint: se usan su red, su objetivo y su plan de ruido</translation>
    </message>
    <message>
        <source>Choose a checkpoint to resume from</source>
        <translation>Elija un checkpoint desde el que reanudar</translation>
    </message>
    <message>
        <source>Resume from</source>
        <translation>Reanudar desde</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Samples every</source>
        <translation>Muestras cada</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <source>DDIM steps (η = 0) per preview, from the same fixed noise every time</source>
        <translation>Pasos de DDIM (η = 0) por vista previa, siempre desde el mismo ruido fijo</translation>
    </message>
    <message>
        <source>Sampling steps</source>
        <translation>Pasos de muestreo</translation>
    </message>
    <message>
        <source>Every N steps, 500 samples (every class in turn, 20 DPM-Solver++(2M) steps) are compared with 500 test images: the Fréchet distance in the shipped classifier&apos;s features, plotted beside the loss with the distance between train and test images as its floor</source>
        <translation>Cada N pasos se comparan 500 muestras (cada clase por turno, 20 pasos de DPM-Solver++(2M)) con 500 imágenes de prueba: la distancia de Fréchet en las características del clasificador incluido, dibujada junto a la pérdida, con la distancia entre imágenes de entrenamiento y de prueba como mínimo</translation>
    </message>
    <message>
        <source>Fréchet distance every</source>
        <translation>Distancia de Fréchet cada</translation>
    </message>
    <message>
        <source>Samples (and test images) per measurement: more is steadier and slower; the distance is biased upwards at small numbers, so compare only at equal numbers</source>
        <translation>Muestras (e imágenes de prueba) por medición: más es más estable y más lento; con números pequeños la distancia está sesgada al alza, así que compare solo con números iguales</translation>
    </message>
    <message>
        <source>Fréchet samples</source>
        <translation>Muestras de Fréchet</translation>
    </message>
    <message>
        <source>No classifier of this data set is installed: the Fréchet distance is off.</source>
        <translation>No hay ningún clasificador instalado para este conjunto de datos: la distancia de Fréchet está desactivada.</translation>
    </message>
    <message>
        <source>Measured with %1.</source>
        <translation>Medido con %1.</translation>
    </message>
    <message>
        <source>%1, T = %2 — set in the Schedule lab</source>
        <translation>%1, T = %2 — se ajusta en el laboratorio de ruido</translation>
    </message>
    <message>
        <source> (zero terminal SNR)</source>
        <translation> (SNR final nulo)</translation>
    </message>
    <message>
        <source>Save checkpoint as</source>
        <translation>Guardar checkpoint como</translation>
    </message>
    <message>
        <source>Diffusion Lab checkpoints (*.ckpt);;All files (*)</source>
        <translation>Checkpoints de Diffusion Lab (*.ckpt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Resume from checkpoint</source>
        <translation>Reanudar desde un checkpoint</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop after the current step and write the checkpoint</source>
        <translation>Detener tras el paso actual y escribir el checkpoint</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aún sin ejecuciones</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss&lt;/b&gt;</source>
        <translation>&lt;b&gt;Pérdida&lt;/b&gt;</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>suavizado</translation>
    </message>
    <message>
        <source>Weight w of the debiased exponential moving average, as in TensorBoard: 0 none, 0.99 heavy</source>
        <translation>Peso w de la media móvil exponencial sin sesgo, como en TensorBoard: 0 ninguno, 0.99 fuerte</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>escala log.</translation>
    </message>
    <message>
        <source>heatmap over steps</source>
        <translation>mapa de calor por pasos</translation>
    </message>
    <message>
        <source>curves</source>
        <translation>curvas</translation>
    </message>
    <message>
        <source>&lt;b&gt;Samples from the EMA weights&lt;/b&gt; (fixed noise)</source>
        <translation>&lt;b&gt;Muestras de los pesos EMA&lt;/b&gt; (ruido fijo)</translation>
    </message>
    <message>
        <source>Choose a data set.</source>
        <translation>Elija un conjunto de datos.</translation>
    </message>
    <message>
        <source>Not started: %1. Press Start again to train it anyway.</source>
        <translation>No iniciado: %1. Pulse «Iniciar» de nuevo para entrenar de todos modos.</translation>
    </message>
    <message>
        <source>Starting …</source>
        <translation>Iniciando …</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation>Deteniendo …</translation>
    </message>
    <message>
        <source>%v / %m steps</source>
        <translation>%v / %m pasos</translation>
    </message>
    <message>
        <source>No checkpoint was written (no path given).</source>
        <translation>No se escribió ningún checkpoint (no se indicó ninguna ruta).</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>Checkpoint: %1</translation>
    </message>
    <message>
        <source>Stopped at step %1. </source>
        <translation>Detenido en el paso %1. </translation>
    </message>
    <message>
        <source>Finished at step %1. </source>
        <translation>Terminado en el paso %1. </translation>
    </message>
    <message>
        <source>
The last good checkpoint stays: %1</source>
        <translation>
Se conserva el último checkpoint válido: %1</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>Entrenamiento detenido: %1</translation>
    </message>
    <message>
        <source>loss %1 (smoothed)</source>
        <translation>pérdida %1 (suavizada)</translation>
    </message>
    <message>
        <source>Step %1: Fréchet distance %2 (floor %3)</source>
        <translation>Paso %1: distancia de Fréchet %2 (mínimo %3)</translation>
    </message>
    <message>
        <source>, %1 % of samples of the class asked for</source>
        <translation>, %1 % de las muestras en la clase pedida</translation>
    </message>
    <message>
        <source> (measured with %1 in %2 s)</source>
        <translation> (medido con %1 en %2 s)</translation>
    </message>
    <message>
        <source>%1 img/s</source>
        <translation>%1 img/s</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Faltan %1</translation>
    </message>
    <message>
        <source>GPU memory %1</source>
        <translation>Memoria GPU %1</translation>
    </message>
    <message>
        <source>RSS %1</source>
        <translation>RSS %1</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>No iniciado</translation>
    </message>
    <message>
        <source>Training did not start: %1</source>
        <translation>El entrenamiento no se inició: %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>(drawn at step %1; the run stopped at step %2)</source>
        <translation>(generadas en el paso %1; el entrenamiento se detuvo en el paso %2)</translation>
    </message>
    <message>
        <source>Step 0, the untrained network</source>
        <translation>Paso 0, la red sin entrenar</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Paso %1</translation>
    </message>
    <message>
        <source>%1 — DDIM, %2 steps, drawn in %3 s</source>
        <translation>%1 — DDIM, %2 pasos, generadas en %3 s</translation>
    </message>
    <message>
        <source>Not started; the figures are the previous run&apos;s</source>
        <translation>No iniciado; las cifras son del entrenamiento anterior</translation>
    </message>
    <message>
        <source>Previous run: %1</source>
        <translation>Entrenamiento anterior: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss per timestep&lt;/b&gt;</source>
        <translation>&lt;b&gt;Pérdida por paso de tiempo&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Which noise levels are learned late: the loss of each band of timesteps over training</source>
        <translation>Qué niveles de ruido se aprenden tarde: la pérdida de cada banda de pasos de tiempo durante el entrenamiento</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Loading %1 …</source>
        <translation>Cargando %1 …</translation>
    </message>
    <message>
        <source>Drawing samples at step %1 …</source>
        <translation>Generando muestras en el paso %1 …</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Computing the features of %1 test images for the Fréchet distance …</source>
        <translation>Calculando las características de %1 imágenes de prueba para la distancia de Fréchet …</translation>
    </message>
    <message>
        <source>Measuring sample quality at step %1 …</source>
        <translation>Midiendo la calidad de las muestras en el paso %1 …</translation>
    </message>
    <message>
        <source>Paused at step %1</source>
        <translation>En pausa en el paso %1</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>Divergió</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>%1:%2, %3 parameters; %4 (%5 samples); </source>
        <translation>%1:%2, %3 parámetros; %4 (%5 muestras); </translation>
    </message>
    <message>
        <source>batch %1 split over %2 processes (%3 each, %5), %4 CPU thread(s) per process, on %6</source>
        <translation>lote %1 repartido entre %2 procesos (%3 cada uno, %5), %4 hilo(s) de CPU por proceso, en %6</translation>
    </message>
    <message>
        <source>batch %1 on %2, %3 threads</source>
        <translation>lote %1 en %2, %3 hilos</translation>
    </message>
    <message>
        <source>cannot train in several processes: difflab-cli was found neither next to this program nor on PATH (set DIFFLAB_CLI to its path)</source>
        <translation>no se puede entrenar en varios procesos: difflab-cli no está junto a este programa ni en el PATH (defina DIFFLAB_CLI con su ruta)</translation>
    </message>
    <message>
        <source>Starting %1 more processes …</source>
        <translation>Iniciando %1 procesos más …</translation>
    </message>
    <message>
        <source>cannot train in several processes: DIFFLAB_CLI is &apos;%1&apos;, not an executable</source>
        <translation>no se puede entrenar en varios procesos: DIFFLAB_CLI es &apos;%1&apos;, que no es un ejecutable</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminado</translation>
    </message>
</context>
<context>
    <name>VlbPage</name>
    <message>
        <source>Compute the bound</source>
        <translation>Calcular la cota</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>paso de tiempo t</translation>
    </message>
    <message>
        <source>Total %1 nats per sample = %2 bits/dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (%7 decoder).   The largest L_{t−1} is at t = %8.</source>
        <translation>Total %1 nats por muestra = %2 bits/dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (decodificador %7).   El mayor L_{t−1} está en t = %8.</translation>
    </message>
    <message>
        <source>L_{t−1}</source>
        <translation>L_{t−1}</translation>
    </message>
    <message>
        <source>|L₀| (t = 1, negative)</source>
        <translation>|L₀| (t = 1, negativo)</translation>
    </message>
    <message>
        <source>L₀ (t = 1)</source>
        <translation>L₀ (t = 1)</translation>
    </message>
    <message>
        <source>L_T (prior)</source>
        <translation>L_T (a priori)</translation>
    </message>
    <message>
        <source>term (nats)</source>
        <translation>término (nats)</translation>
    </message>
    <message>
        <source>Each term of the bound in nats per sample, on a log axis</source>
        <translation>Cada término de la cota en nats por muestra, en un eje logarítmico</translation>
    </message>
</context>
<context>
    <name>WindowSession</name>
    <message>
        <source>is not an object; ignored</source>
        <translation>no es un objeto; se ignora</translation>
    </message>
    <message>
        <source>= %1 is not %2; the setting was left as it is</source>
        <translation>= %1 no es %2; el ajuste se dejó como estaba</translation>
    </message>
    <message>
        <source>is not a string; the sampler settings were left as they are</source>
        <translation>no es una cadena; los ajustes del muestreador se dejaron como estaban</translation>
    </message>
    <message>
        <source>could not be applied (%1)</source>
        <translation>no se pudo aplicar (%1)</translation>
    </message>
    <message>
        <source>could not be read (%1); the schedule was left as it is</source>
        <translation>no se pudo leer (%1); el plan de ruido se dejó como estaba</translation>
    </message>
    <message>
        <source>= &quot;%1&quot; is not &quot;sample&quot; or &quot;batch&quot;</source>
        <translation>= &quot;%1&quot; no es &quot;sample&quot; ni &quot;batch&quot;</translation>
    </message>
    <message>
        <source>could not be read (%1)</source>
        <translation>no se pudo leer (%1)</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>Cadena inversa</translation>
    </message>
    <message>
        <source>Compare samplers</source>
        <translation>Comparar muestreadores</translation>
    </message>
    <message>
        <source>is not a list of sampler names; left as it is</source>
        <translation>no es una lista de nombres de muestreadores; se dejó como estaba</translation>
    </message>
    <message>
        <source>ODE lab</source>
        <translation>Laboratorio EDO</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>Modelo actual</translation>
    </message>
</context>
<context>
    <name>odelab::ResultView</name>
    <message>
        <source>data</source>
        <translation>datos</translation>
    </message>
    <message>
        <source>moves</source>
        <translation>desplazamientos</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>muestras</translation>
    </message>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
</context>
</TS>
