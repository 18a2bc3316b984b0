<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AnimationExportDialog</name>
    <message>
        <source>Export animation</source>
        <translation>Animation exportieren</translation>
    </message>
    <message>
        <source>Animated GIF (.gif)</source>
        <translation>Animiertes GIF (.gif)</translation>
    </message>
    <message>
        <source>Plays in any browser and slide program; colours are reduced to 256, grey is exact.</source>
        <translation>Läuft in jedem Browser und Präsentationsprogramm; Farben werden auf 256 reduziert, Grau ist exakt.</translation>
    </message>
    <message>
        <source>MP4 video (.mp4)</source>
        <translation>MP4-Video (.mp4)</translation>
    </message>
    <message>
        <source>Encoded as %1.</source>
        <translation>Kodiert als %1.</translation>
    </message>
    <message>
        <source>PNG frames in a folder (frame_0000.png, …)</source>
        <translation>PNG-Einzelbilder in einem Ordner (frame_0000.png, …)</translation>
    </message>
    <message>
        <source>Every frame losslessly, for editing or for your own video tools.</source>
        <translation>Jedes Einzelbild verlustfrei, zum Bearbeiten oder für eigene Videowerkzeuge.</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> Bilder/s</translation>
    </message>
    <message>
        <source>A GIF plays at most 50 frames per second.</source>
        <translation>Ein GIF spielt höchstens 50 Bilder pro Sekunde ab.</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>Bildrate:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>Animiertes GIF (*.gif)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4-Video (*.mp4)</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>Ordner für die PNG-Einzelbilder</translation>
    </message>
    <message>
        <source>Choose where to save the animation.</source>
        <translation>Wählen, wohin die Animation gespeichert wird.</translation>
    </message>
</context>
<context>
    <name>AnimationExporter</name>
    <message>
        <source>Wrote %1: %2 frames of %3 × %4 pixels</source>
        <translation>%1 geschrieben: %2 Bilder mit %3 × %4 Pixeln</translation>
    </message>
    <message>
        <source>, as PNG files</source>
        <translation>, als PNG-Dateien</translation>
    </message>
    <message>
        <source>, video codec %1</source>
        <translation>, Videocodec %1</translation>
    </message>
</context>
<context>
    <name>BranchControls</name>
    <message>
        <source>Branch at the shown step</source>
        <translation>Beim gezeigten Schritt abzweigen</translation>
    </message>
    <message>
        <source>Guidance of the branch (needs a class)</source>
        <translation>Guidance des Zweigs (braucht eine Klasse)</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>Guidance w</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>Hier abzweigen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
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
        <translation>x̂₀ (vorhergesagte Daten)</translation>
    </message>
    <message>
        <source>ε̂ (predicted noise)</source>
        <translation>ε̂ (vorhergesagtes Rauschen)</translation>
    </message>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>Zweig</translation>
    </message>
    <message>
        <source>&lt;b&gt;Branch&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zweig&lt;/b&gt;</translation>
    </message>
    <message>
        <source>step %1 / %2 &amp;nbsp; t = %3 &amp;nbsp; ᾱ&lt;sub&gt;t&lt;/sub&gt; = %4 &amp;nbsp; σ&lt;sub&gt;t&lt;/sub&gt; = √(1−ᾱ&lt;sub&gt;t&lt;/sub&gt;) = %5 &amp;nbsp; ‖ε̂‖ = %6 &amp;nbsp; NFE = %7</source>
        <translation>Schritt %1 / %2 &amp;nbsp; t = %3 &amp;nbsp; ᾱ&lt;sub&gt;t&lt;/sub&gt; = %4 &amp;nbsp; σ&lt;sub&gt;t&lt;/sub&gt; = √(1−ᾱ&lt;sub&gt;t&lt;/sub&gt;) = %5 &amp;nbsp; ‖ε̂‖ = %6 &amp;nbsp; NFE = %7</translation>
    </message>
    <message>
        <source> &amp;nbsp; ‖s ∇ log p(y | x&lt;sub&gt;t&lt;/sub&gt;)‖ = %1</source>
        <translation> &amp;nbsp; ‖s ∇ log p(y | x&lt;sub&gt;t&lt;/sub&gt;)‖ = %1</translation>
    </message>
    <message>
        <source>step %1 / %2, t = %3</source>
        <translation>Schritt %1 / %2, t = %3</translation>
    </message>
    <message>
        <source>The reverse chain of %1 (%2 steps, batch of %3): x_t from x_T to the samples, one frame per step.</source>
        <translation>Die Rückwärtskette von %1 (%2 Schritte, Stapel von %3): x_t von x_T bis zu den Proben, ein Bild pro Schritt.</translation>
    </message>
    <message>
        <source>spread (1-D data)</source>
        <translation>Streuung (1-D-Daten)</translation>
    </message>
</context>
<context>
    <name>ChainPlayerView</name>
    <message>
        <source>Chain of %1 steps computed in %2 s (%3 network evaluations).</source>
        <translation>Kette mit %1 Schritten in %2 s berechnet (%3 Netzauswertungen).</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <source>computed %v / %m</source>
        <translation>berechnet %v / %m</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>Das Modell kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Computing the chain…</source>
        <translation>Berechne die Kette…</translation>
    </message>
    <message>
        <source>The chain has ended here: rewind to the step to branch at.</source>
        <translation>Die Kette endet hier: zum Schritt zurückspulen, an dem abgezweigt werden soll.</translation>
    </message>
    <message>
        <source>%1, η = %2, seed %3</source>
        <translation>%1, η = %2, Startwert %3</translation>
    </message>
    <message>
        <source>Branched at step %1: %2.</source>
        <translation>Bei Schritt %1 abgezweigt: %2.</translation>
    </message>
    <message>
        <source>branch from step %1:</source>
        <translation>Zweig ab Schritt %1:</translation>
    </message>
    <message>
        <source>(starts at step %1)</source>
        <translation>(beginnt bei Schritt %1)</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Animation exportieren…</translation>
    </message>
    <message>
        <source>Save the computed chain x_T → x_0 as an animated GIF, an MP4 video or PNG frames</source>
        <translation>Die berechnete Kette x_T → x_0 als animiertes GIF, MP4-Video oder PNG-Einzelbilder speichern</translation>
    </message>
    <message>
        <source>Play the chain: the update of each step is shown here.</source>
        <translation>Spielen Sie die Kette ab: hier steht die Fortschreibung jedes Schritts.</translation>
    </message>
    <message>
        <source>The shown step: 0 is x_T, the last the samples</source>
        <translation>Der gezeigte Schritt: 0 ist x_T, der letzte die Proben</translation>
    </message>
    <message>
        <source>no chain yet</source>
        <translation>noch keine Kette</translation>
    </message>
</context>
<context>
    <name>ClassifierGuidanceBox</name>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>exact posterior (mixtures)</source>
        <translation>exakte A-posteriori-Verteilung (Mischungen)</translation>
    </message>
    <message>
        <source>Open classifier…</source>
        <translation>Klassifikator öffnen …</translation>
    </message>
    <message>
        <source>Classifier guidance towards the class (Dhariwal &amp; Nichol 2021): ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t). With w = 0 the classifier alone steers</source>
        <translation>Klassifikator-Führung zur Klasse hin (Dhariwal &amp; Nichol 2021): ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t). Mit w = 0 lenkt der Klassifikator allein</translation>
    </message>
    <message>
        <source>Classifier</source>
        <translation>Klassifikator</translation>
    </message>
    <message>
        <source>Classifier scale s: 1 samples p(x | y) with an exact classifier, &gt; 1 sharper</source>
        <translation>Klassifikator-Stärke s: 1 sampelt p(x | y) mit einem exakten Klassifikator, &gt; 1 schärfer</translation>
    </message>
    <message>
        <source>Classifier scale s</source>
        <translation>Klassifikator-Stärke s</translation>
    </message>
    <message>
        <source>Open a classifier</source>
        <translation>Einen Klassifikator öffnen</translation>
    </message>
    <message>
        <source>Classifier checkpoints (*.ckpt);;All files (*)</source>
        <translation>Klassifikator-Checkpoints (*.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Classifier not opened: %1</source>
        <translation>Klassifikator nicht geöffnet: %1</translation>
    </message>
    <message>
        <source>the exact classifier needs a mixture model</source>
        <translation>der exakte Klassifikator braucht ein Mischungsmodell</translation>
    </message>
    <message>
        <source>the classifier %1 has other classes than the model</source>
        <translation>der Klassifikator %1 hat andere Klassen als das Modell</translation>
    </message>
</context>
<context>
    <name>ComparisonPictures</name>
    <message>
        <source>network evaluations (NFE)</source>
        <translation>Netzauswertungen (NFE)</translation>
    </message>
    <message>
        <source>distance to the data</source>
        <translation>Distanz zu den Daten</translation>
    </message>
    <message>
        <source>%1 (optimised)</source>
        <translation>%1 (optimiert)</translation>
    </message>
    <message>
        <source>data vs data</source>
        <translation>Daten gegen Daten</translation>
    </message>
</context>
<context>
    <name>DatasetFileChooser</name>
    <message>
        <source>IDX files (MNIST, Fashion-MNIST)…</source>
        <translation>IDX-Dateien (MNIST, Fashion-MNIST)…</translation>
    </message>
    <message>
        <source>CIFAR-10 binary batch…</source>
        <translation>CIFAR-10-Binärdatei…</translation>
    </message>
    <message>
        <source>Folder of images…</source>
        <translation>Bilderordner…</translation>
    </message>
    <message>
        <source>Gaussian mixture (JSON)…</source>
        <translation>Gaußsche Mischung (JSON)…</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *-ubyte.gz *.idx *.gz);;All files (*)</source>
        <translation>IDX-Dateien (*-ubyte *-ubyte.gz *.idx *.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open IDX images</source>
        <translation>IDX-Bilder öffnen</translation>
    </message>
    <message>
        <source>Open the matching IDX labels</source>
        <translation>Die passenden IDX-Labels öffnen</translation>
    </message>
    <message>
        <source>Open a CIFAR-10 binary batch</source>
        <translation>CIFAR-10-Binärdatei öffnen</translation>
    </message>
    <message>
        <source>CIFAR-10 batches (*.bin);;All files (*)</source>
        <translation>CIFAR-10-Dateien (*.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open a folder of images</source>
        <translation>Bilderordner öffnen</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Bildgröße</translation>
    </message>
    <message>
        <source>Images are resized and centre-cropped to this size (pixels):</source>
        <translation>Die Bilder werden auf diese Größe skaliert und mittig zugeschnitten (Pixel):</translation>
    </message>
    <message>
        <source>Open a Gaussian mixture</source>
        <translation>Gaußsche Mischung öffnen</translation>
    </message>
    <message>
        <source>Gaussian mixtures (*.json);;All files (*)</source>
        <translation>Gaußsche Mischungen (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>DatasetThumbnailModel</name>
    <message>
        <source>Sample %1</source>
        <translation>Probe %1</translation>
    </message>
    <message>
        <source>Sample %1: %2</source>
        <translation>Probe %1: %2</translation>
    </message>
</context>
<context>
    <name>DatasetView</name>
    <message>
        <source>Open file…</source>
        <translation>Datei öffnen…</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Klasse:</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>Kein Datensatz geladen.</translation>
    </message>
    <message>
        <source>This dataset has %1-dimensional points; only 2-D points are plotted.</source>
        <translation>Dieser Datensatz hat %1-dimensionale Punkte; nur 2-D-Punkte werden gezeichnet.</translation>
    </message>
    <message>
        <source>%1: %2 samples of shape %3, %4 classes; %5 shown</source>
        <translation>%1: %2 Proben der Form %3, %4 Klassen; %5 angezeigt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not loaded: %1. Still showing %2.</source>
        <translation>Nicht geladen: %1. Weiterhin angezeigt: %2.</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>Nicht geladen: %1</translation>
    </message>
</context>
<context>
    <name>DifflabApplication</name>
    <message>
        <source>Diffusion Lab: a laboratory for diffusion generative models.</source>
        <translation>Diffusion Lab: ein Labor für generative Diffusionsmodelle.</translation>
    </message>
    <message>
        <source>Render every view offscreen to PNG files in &lt;dir&gt; (Fashion-MNIST and two moons) and exit.</source>
        <translation>Jede Ansicht ohne Bildschirm als PNG-Datei in &lt;dir&gt; zeichnen (Fashion-MNIST und zwei Monde) und beenden.</translation>
    </message>
    <message>
        <source>Comma-separated dataset specs for --screenshots (default: fashion-mnist:train,two-moons).</source>
        <translation>Kommagetrennte Datensatzangaben für --screenshots (Vorgabe: fashion-mnist:train,two-moons).</translation>
    </message>
    <message>
        <source>Open a checkpoint or Gaussian-mixture JSON &lt;file&gt; in the sampling views.</source>
        <translation>Einen Checkpoint oder eine Gauß-Mischungs-JSON-Datei &lt;file&gt; in den Sampling-Ansichten öffnen.</translation>
    </message>
    <message>
        <source>Window size for --screenshots, e.g. 1366x728 (a laptop) or 1280x680 (1920 × 1080 at 150 %, with QT_SCALE_FACTOR=1.5); default 1400x860.</source>
        <translation>Fenstergröße für --screenshots, z. B. 1366x728 (ein Laptop) oder 1280x680 (1920 × 1080 bei 150 %, mit QT_SCALE_FACTOR=1.5); Standard 1400x860.</translation>
    </message>
    <message>
        <source>Language of the interface (%1); overrides the setting.</source>
        <translation>Sprache der Oberfläche (%1); hat Vorrang vor der Einstellung.</translation>
    </message>
    <message>
        <source>A session file (.difflab) to open, as File ▸ Open session.</source>
        <translation>Eine Sitzungsdatei (.difflab), die wie mit Datei ▸ Sitzung öffnen geöffnet wird.</translation>
    </message>
    <message>
        <source>Start in lecture mode (View ▸ Lecture mode): larger text and lines, each tab&apos;s equation with its numbers, slide keys.</source>
        <translation>Im Vortragsmodus starten (Ansicht ▸ Vortragsmodus): größere Schrift und Linien, die Gleichung jedes Reiters mit ihren Zahlen, Folientasten.</translation>
    </message>
</context>
<context>
    <name>EditPage</name>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Noise level</source>
        <translation>Rauschpegel</translation>
    </message>
    <message>
        <source>Denoise as class</source>
        <translation>Entrauschen als Klasse</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>|Result − original|</source>
        <translation>|Ergebnis − Original|</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>unbedingt</translation>
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
        <translation>Bis t₀ = %1 verrauscht und mit %2 entrauscht (%3 Netzauswertungen). Mittlere |Differenz| %4.</translation>
    </message>
    <message>
        <source>Moves: each original joined to its result</source>
        <translation>Verschiebungen: jedes Original mit seinem Ergebnis verbunden</translation>
    </message>
</context>
<context>
    <name>ForwardChainView</name>
    <message>
        <source>Samples</source>
        <translation>Proben</translation>
    </message>
    <message>
        <source>Chosen sample</source>
        <translation>Gewählte Probe</translation>
    </message>
    <message>
        <source>The sample selected in the Dataset tab (the first one if none is selected).</source>
        <translation>Die im Reiter „Datensatz“ gewählte Probe (die erste, wenn keine gewählt ist).</translation>
    </message>
    <message>
        <source>Random batch</source>
        <translation>Zufälliger Stapel</translation>
    </message>
    <message>
        <source>%1 random images, or %2 random points of 2-D data, drawn with the seed.</source>
        <translation>%1 zufällige Bilder oder %2 zufällige Punkte von 2-D-Daten, gezogen mit dem Startwert.</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>Closed form q(x_t | x₀)</source>
        <translation>Geschlossene Form q(x_t | x₀)</translation>
    </message>
    <message>
        <source>x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε with one ε for every t (Ho et al. 2020, eq. 4).</source>
        <translation>x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε mit demselben ε für jedes t (Ho et al. 2020, Gl. 4).</translation>
    </message>
    <message>
        <source>Markov chain, step by step</source>
        <translation>Markow-Kette, Schritt für Schritt</translation>
    </message>
    <message>
        <source>x_t = √(1 − β_t) x_{t−1} + √β_t ε_t, fresh noise each step (Ho et al. 2020, eq. 2). Its first noise is the closed form&apos;s ε, so both agree at t = 1.</source>
        <translation>x_t = √(1 − β_t) x_{t−1} + √β_t ε_t, neues Rauschen in jedem Schritt (Ho et al. 2020, Gl. 2). Ihr erstes Rauschen ist das ε der geschlossenen Form, daher stimmen beide bei t = 1 überein.</translation>
    </message>
    <message>
        <source>New noise</source>
        <translation>Neues Rauschen</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Time step</source>
        <translation>Zeitschritt</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>t:</source>
        <translation>t:</translation>
    </message>
    <message>
        <source>data x₀</source>
        <translation>Daten x₀</translation>
    </message>
    <message>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 Schritte/s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>Kein Datensatz geladen.</translation>
    </message>
    <message>
        <source>Computing the chain…</source>
        <translation>Berechne die Kette…</translation>
    </message>
    <message>
        <source>Markov chain: %1 steps from seed %2.</source>
        <translation>Markow-Kette: %1 Schritte ab Startwert %2.</translation>
    </message>
    <message>
        <source>Closed form from seed %1.</source>
        <translation>Geschlossene Form ab Startwert %1.</translation>
    </message>
    <message>
        <source>The chain failed: %1</source>
        <translation>Die Kette ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>x_t at t = %1</source>
        <translation>x_t bei t = %1</translation>
    </message>
    <message>
        <source>ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3</source>
        <translation>ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3</translation>
    </message>
    <message>
        <source>mean %1 (expected %2), std %3 (expected %4)</source>
        <translation>Mittelwert %1 (erwartet %2), Standardabw. %3 (erwartet %4)</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Animation exportieren…</translation>
    </message>
    <message>
        <source>Save the chain from t = 0 to T as an animated GIF, an MP4 video or PNG frames</source>
        <translation>Die Kette von t = 0 bis T als animiertes GIF, MP4-Video oder PNG-Einzelbilder speichern</translation>
    </message>
    <message>
        <source>Markov chain</source>
        <translation>Markow-Kette</translation>
    </message>
    <message>
        <source>closed form</source>
        <translation>geschlossene Form</translation>
    </message>
    <message>
        <source>%1, t = %2</source>
        <translation>%1, t = %2</translation>
    </message>
    <message>
        <source>The forward chain (%1) from t = 0 to %2: %3 frames, every %4 steps (the speed of Play).</source>
        <translation>Die Vorwärtskette (%1) von t = 0 bis %2: %3 Bilder, alle %4 Schritte (die Geschwindigkeit von „Abspielen“).</translation>
    </message>
</context>
<context>
    <name>GenerateView</name>
    <message>
        <source>Sampling…</source>
        <translation>Sampling läuft…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Batch and guidance</source>
        <translation>Stapel und Guidance</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>Schritt %v / %m</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>PNG speichern…</translation>
    </message>
    <message>
        <source>Open PNG…</source>
        <translation>PNG öffnen…</translation>
    </message>
    <message>
        <source>Save the picture with its full recipe in PNG text chunks</source>
        <translation>Das Bild mit seinem vollständigen Rezept in PNG-Textblöcken speichern</translation>
    </message>
    <message>
        <source>Restore the settings from a PNG saved by Diffusion Lab</source>
        <translation>Die Einstellungen aus einem von Diffusion Lab gespeicherten PNG wiederherstellen</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>Das Modell kann nicht geöffnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s), %1 network evaluations, %2 s</source>
        <translation>
            <numerusform>%n Probe, %1 Netzauswertungen, %2 s</numerusform>
            <numerusform>%n Proben, %1 Netzauswertungen, %2 s</numerusform>
        </translation>
    </message>
    <message>
        <source>The model of this picture, %1, is not on this computer.</source>
        <translation>Das Modell dieses Bildes, %1, ist auf diesem Rechner nicht vorhanden.</translation>
    </message>
    <message>
        <source>Note: the model file has changed since the picture was made (SHA-256 differs).</source>
        <translation>Hinweis: Die Modelldatei hat sich seit der Erstellung des Bildes geändert (SHA-256 weicht ab).</translation>
    </message>
    <message>
        <source>Nothing to save yet: generate first.</source>
        <translation>Noch nichts zu speichern: zuerst erzeugen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save samples</source>
        <translation>Proben speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Saved %1 with its recipe.</source>
        <translation>%1 mit seinem Rezept gespeichert.</translation>
    </message>
    <message>
        <source>Open a sample PNG</source>
        <translation>Ein Proben-PNG öffnen</translation>
    </message>
    <message>
        <source>each class in turn</source>
        <translation>jede Klasse der Reihe nach</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>GuidanceControls</name>
    <message>
        <source>(unconditional)</source>
        <translation>(unbedingt)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Classifier-free guidance w: 0 unconditional, 1 conditional, &gt; 1 guided</source>
        <translation>Classifier-free Guidance w: 0 unbedingt, 1 bedingt, &gt; 1 verstärkt</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>Guidance w</translation>
    </message>
    <message>
        <source>(every class in turn)</source>
        <translation>(jede Klasse der Reihe nach)</translation>
    </message>
</context>
<context>
    <name>ImportSettingsDialog</name>
    <message numerus="yes">
        <source>, %n classes</source>
        <translation>
            <numerusform>, %n Klasse</numerusform>
            <numerusform>, %n Klassen</numerusform>
        </translation>
    </message>
    <message>
        <source>Import settings: %1</source>
        <translation>Import-Einstellungen: %1</translation>
    </message>
    <message>
        <source>A TorchScript module; its forward takes class labels (x_t, t, y).</source>
        <translation>Ein TorchScript-Modul; sein forward nimmt Klassenlabels (x_t, t, y).</translation>
    </message>
    <message>
        <source>A TorchScript module; its forward takes (x_t, t).</source>
        <translation>Ein TorchScript-Modul; sein forward nimmt (x_t, t).</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>Erkannt: %1.</translation>
    </message>
    <message>
        <source>Its parameter names are none of Diffusion Lab&apos;s architectures (MLP, the notebook&apos;s SimpleUnet, the DDPM U-Net). Save the module as TorchScript instead (docs/import.md).</source>
        <translation>Seine Parameternamen gehören zu keiner Architektur von Diffusion Lab (MLP, SimpleUnet des Notebooks, DDPM-U-Net). Speichern Sie das Modul stattdessen als TorchScript (docs/import.md).</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>It did not open: %1</source>
        <translation>Es ließ sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image size (height × width)</source>
        <translation>Bildgröße (Höhe × Breite)</translation>
    </message>
    <message>
        <source>The size of the images the network was trained on; a U-Net&apos;s weights do not fix it</source>
        <translation>Die Größe der Bilder, auf denen das Netz trainiert wurde; die Gewichte eines U-Nets legen sie nicht fest</translation>
    </message>
    <message>
        <source>The shape of one sample: C, H, W for images, D for points</source>
        <translation>Die Form einer Probe: C, H, W für Bilder, D für Punkte</translation>
    </message>
    <message>
        <source>Sample shape</source>
        <translation>Probenform</translation>
    </message>
    <message>
        <source>[%1] (from the weights)%2</source>
        <translation>[%1] (aus den Gewichten)%2</translation>
    </message>
    <message>
        <source>Lecture notebook: linear β 1e-4 → 0.02, T = 300</source>
        <translation>Vorlesungs-Notebook: linear β 1e-4 → 0.02, T = 300</translation>
    </message>
    <message>
        <source>Linear β (Ho et al. 2020)</source>
        <translation>Lineares β (Ho et al. 2020)</translation>
    </message>
    <message>
        <source>Scaled linear β (Stable Diffusion)</source>
        <translation>Skaliert lineares β (Stable Diffusion)</translation>
    </message>
    <message>
        <source>Cosine ᾱ (Nichol &amp; Dhariwal 2021)</source>
        <translation>Kosinus-ᾱ (Nichol &amp; Dhariwal 2021)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Rauschplan</translation>
    </message>
    <message>
        <source>Training steps T</source>
        <translation>Trainingsschritte T</translation>
    </message>
    <message>
        <source>ε (noise)</source>
        <translation>ε (Rauschen)</translation>
    </message>
    <message>
        <source>x₀ (clean data)</source>
        <translation>x₀ (saubere Daten)</translation>
    </message>
    <message>
        <source>v = α ε − σ x₀</source>
        <translation>v = α ε − σ x₀</translation>
    </message>
    <message>
        <source>score ∇ log p</source>
        <translation>Score ∇ log p</translation>
    </message>
    <message>
        <source>The network predicts</source>
        <translation>Das Netz sagt vorher</translation>
    </message>
    <message>
        <source>Images scaled to [−1, 1] (x / 127.5 − 1)</source>
        <translation>Bilder, skaliert auf [−1, 1] (x / 127.5 − 1)</translation>
    </message>
    <message>
        <source>Points, unscaled</source>
        <translation>Punkte, unskaliert</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>names separated by commas</source>
        <translation>Namen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>One name per class, in the order of the labels 0, 1, …</source>
        <translation>Ein Name je Klasse, in der Reihenfolge der Labels 0, 1, …</translation>
    </message>
    <message>
        <source>The network takes no class labels</source>
        <translation>Das Netz nimmt keine Klassenlabels</translation>
    </message>
    <message>
        <source>Class names</source>
        <translation>Klassennamen</translation>
    </message>
    <message>
        <source>Saved as %1 next to the model: it opens with these settings from now on, here and in difflab-cli.</source>
        <translation>Wird als %1 neben dem Modell gespeichert: Es öffnet sich von nun an mit diesen Einstellungen, hier und in difflab-cli.</translation>
    </message>
    <message>
        <source>Save and open</source>
        <translation>Speichern und öffnen</translation>
    </message>
    <message>
        <source>These weights cannot be opened with settings alone.</source>
        <translation>Diese Gewichte lassen sich nicht allein mit Einstellungen öffnen.</translation>
    </message>
    <message>
        <source>Sample shape: &apos;%1&apos; is not a positive whole number</source>
        <translation>Probenform: „%1“ ist keine positive ganze Zahl</translation>
    </message>
    <message>
        <source>Sample shape: give C, H, W for images or D for points</source>
        <translation>Probenform: C, H, W für Bilder oder D für Punkte angeben</translation>
    </message>
    <message>
        <source>β₁ must be smaller than β_T</source>
        <translation>β₁ muss kleiner als β_T sein</translation>
    </message>
    <message>
        <source>Class names: the weights have %1 classes, %2 names were given</source>
        <translation>Klassennamen: Die Gewichte haben %1 Klassen, %2 Namen wurden angegeben</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>β_start (β at t = 1)</source>
        <translation>β_start (β bei t = 1)</translation>
    </message>
    <message>
        <source>β_end (β at t = T)</source>
        <translation>β_end (β bei t = T)</translation>
    </message>
    <message>
        <source>As in the sidecar: %1</source>
        <translation>Wie in der Begleitdatei: %1</translation>
    </message>
    <message>
        <source>, zero terminal SNR</source>
        <translation>, SNR null am Ende</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (from config.json)</source>
        <translation>%1 × %2 × %3 (aus config.json)</translation>
    </message>
    <message>
        <source>GroupNorm&apos;s group count is not stored in the weights: 32 in Ho et al.&apos;s U-Net and diffusers&apos; default</source>
        <translation>Die Gruppenzahl von GroupNorm steht nicht in den Gewichten: 32 im U-Net von Ho et al. und als Vorgabe von diffusers</translation>
    </message>
    <message>
        <source>GroupNorm groups</source>
        <translation>GroupNorm-Gruppen</translation>
    </message>
    <message>
        <source>Images scaled to [0, 1] (x / 255, as ToTensor())</source>
        <translation>Bilder auf [0, 1] skaliert (x / 255, wie ToTensor())</translation>
    </message>
    <message>
        <source>diffusers&apos; pipelines scale images to [−1, 1]</source>
        <translation>Die Pipelines von diffusers skalieren Bilder auf [−1, 1]</translation>
    </message>
    <message>
        <source>GroupNorm groups: %1 does not divide the channel count %2</source>
        <translation>GroupNorm-Gruppen: %1 teilt die Kanalzahl %2 nicht</translation>
    </message>
    <message>
        <source>Saved in the folder as %1, where diffusers reads it: the folder opens with these settings from now on, here, in difflab-cli and in diffusers.</source>
        <translation>Wird im Ordner als %1 gespeichert, wo diffusers sie liest: Der Ordner öffnet sich von nun an mit diesen Einstellungen, hier, in difflab-cli und in diffusers.</translation>
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
        <translation>Interpolieren</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Seed A</source>
        <translation>Startwert A</translation>
    </message>
    <message>
        <source>Seed B</source>
        <translation>Startwert B</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Class A</source>
        <translation>Klasse A</translation>
    </message>
    <message>
        <source>Class B</source>
        <translation>Klasse B</translation>
    </message>
    <message>
        <source>Guidance A</source>
        <translation>Guidance A</translation>
    </message>
    <message>
        <source>Guidance B</source>
        <translation>Guidance B</translation>
    </message>
    <message>
        <source>frame weight w</source>
        <translation>Bildgewicht w</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>unbedingt</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Animation exportieren…</translation>
    </message>
    <message>
        <source>Save the interpolation as an animated GIF, an MP4 video or PNG frames</source>
        <translation>Die Interpolation als animiertes GIF, MP4-Video oder PNG-Einzelbilder speichern</translation>
    </message>
    <message>
        <source>w = %1</source>
        <translation>w = %1</translation>
    </message>
    <message>
        <source>The %1 interpolation: %2 decoded frames, from w = 0 to 1.</source>
        <translation>Die %1-Interpolation: %2 dekodierte Bilder, von w = 0 bis 1.</translation>
    </message>
    <message>
        <source>‖z‖</source>
        <translation>‖z‖</translation>
    </message>
    <message>
        <source>Latent norm ‖z‖ of each frame: slerp keeps it, lerp dips midway</source>
        <translation>Latente Norm ‖z‖ jedes Bildes: slerp hält sie, lerp sinkt in der Mitte ab</translation>
    </message>
</context>
<context>
    <name>InversionPage</name>
    <message>
        <source>Invert and reconstruct</source>
        <translation>Invertieren und rekonstruieren</translation>
    </message>
    <message>
        <source>Original x₀</source>
        <translation>Original x₀</translation>
    </message>
    <message>
        <source>Latent x_T</source>
        <translation>Latent x_T</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>Rekonstruktion</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Reconstruction error against steps</source>
        <translation>Rekonstruktionsfehler über Schritte</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>relativer Fehler</translation>
    </message>
    <message>
        <source>%1, plain walk</source>
        <translation>%1, einfacher Weg</translation>
    </message>
    <message>
        <source>%1 with adaptive steps</source>
        <translation>%1 mit adaptiven Schritten</translation>
    </message>
    <message>
        <source>%1, exact steps, with %2 steps</source>
        <translation>%1, exakte Schritte, mit %2 Schritten</translation>
    </message>
    <message>
        <source>%1 with %2 steps</source>
        <translation>%1 mit %2 Schritten</translation>
    </message>
    <message>
        <source>%1 to t = %2: %3 network evaluations. Reconstruction error per sample: relative mean %4, max %5; MSE per dimension %6.</source>
        <translation>%1 bis t = %2: %3 Netzauswertungen. Rekonstruktionsfehler pro Probe: relativ im Mittel %4, maximal %5; MSE pro Dimension %6.</translation>
    </message>
</context>
<context>
    <name>LabSession</name>
    <message>
        <source>%1: the model reference is not an object; the model was left as it is</source>
        <translation>%1: der Modellverweis ist kein Objekt; das Modell blieb unverändert</translation>
    </message>
    <message>
        <source>%1: the model %2 is missing (moved or deleted); the model was left as it is</source>
        <translation>%1: das Modell %2 fehlt (verschoben oder gelöscht); das Modell blieb unverändert</translation>
    </message>
    <message>
        <source>%1: the model %2 moved; opened %3, found beside the session</source>
        <translation>%1: das Modell %2 wurde verschoben; geöffnet wurde %3, gefunden neben der Sitzung</translation>
    </message>
    <message>
        <source>%1: the model %2 changed since the session was saved (SHA-256 %3… is now %4…); opened as it is now</source>
        <translation>%1: das Modell %2 hat sich seit dem Speichern der Sitzung geändert (SHA-256 %3… ist jetzt %4…); so geöffnet, wie es jetzt ist</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>keine solche Datei</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a session file</source>
        <translation>%1 Bytes sind zu groß für eine Sitzungsdatei</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>kein gültiges JSON (%1)</translation>
    </message>
    <message>
        <source>not a Diffusion Lab session (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>keine Diffusion-Lab-Sitzung (kein &quot;format&quot;: &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>the field &quot;version&quot; is missing or not an integer</source>
        <translation>das Feld &quot;version&quot; fehlt oder ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>written by a newer Diffusion Lab (session version %1; this one reads up to %2). Update Diffusion Lab to open it.</source>
        <translation>von einem neueren Diffusion Lab geschrieben (Sitzungsversion %1; dieses liest bis %2). Aktualisieren Sie Diffusion Lab, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>session version %1 does not exist (versions start at 1)</source>
        <translation>Sitzungsversion %1 gibt es nicht (Versionen beginnen bei 1)</translation>
    </message>
</context>
<context>
    <name>LangevinFrame</name>
    <message>
        <source>Langevin diverged at step %1: the step is too large for this noise level (keep δ well under σ_VE(t)² = %2, or raise t).</source>
        <translation>Langevin ist in Schritt %1 divergiert: Der Schritt ist für dieses Rauschniveau zu groß (δ deutlich unter σ_VE(t)² = %2 halten oder t erhöhen).</translation>
    </message>
    <message>
        <source>Annealed Langevin: step %1 of %2, level σ = %3, δ = %4</source>
        <translation>Langevin mit Annealing: Schritt %1 von %2, Stufe σ = %3, δ = %4</translation>
    </message>
    <message>
        <source>Langevin: step %1 of %2, δ = %3</source>
        <translation>Langevin: Schritt %1 von %2, δ = %3</translation>
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
        <translation>%1; sein Anteil erster Ordnung (DDIM, η = 0):</translation>
    </message>
    <message>
        <source>an unconditional model: no guidance</source>
        <translation>ein unbedingtes Modell: keine Führung</translation>
    </message>
    <message>
        <source>r = %1, %2 levels: &amp;nbsp;σ from %3 to %4, &amp;nbsp;δ from %5 to %6</source>
        <translation>r = %1, %2 Stufen: &amp;nbsp;σ von %3 bis %4, &amp;nbsp;δ von %5 bis %6</translation>
    </message>
    <message>
        <source>%1, %2 steps from σ̄&lt;sub&gt;max&lt;/sub&gt; to 0</source>
        <translation>%1, %2 Schritte von σ̄&lt;sub&gt;max&lt;/sub&gt; bis 0</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>noch nicht trainiert</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>noch nicht gemessen</translation>
    </message>
    <message>
        <source>floor (two data samples): %1</source>
        <translation>Untergrenze (zwei Datenstichproben): %1</translation>
    </message>
    <message>
        <source>%1: %2 samples of shape %3</source>
        <translation>%1: %2 Stichproben der Form %3</translation>
    </message>
    <message>
        <source>step %1: &amp;nbsp;L = %2 on this batch</source>
        <translation>Schritt %1: &amp;nbsp;L = %2 auf diesem Stapel</translation>
    </message>
    <message>
        <source>step %1: &amp;nbsp;L = %2 on this batch, %3 smoothed</source>
        <translation>Schritt %1: &amp;nbsp;L = %2 auf diesem Stapel, %3 geglättet</translation>
    </message>
    <message>
        <source>%1 from σ̄&lt;sub&gt;max&lt;/sub&gt; to 0</source>
        <translation>%1 von σ̄&lt;sub&gt;max&lt;/sub&gt; bis 0</translation>
    </message>
    <message>
        <source>adaptive RK45 (Dormand–Prince, tolerance %1) from the data to t = T, along the probability-flow ODE</source>
        <translation>adaptives RK45 (Dormand–Prince, Toleranz %1) von den Daten bis t = T, entlang der Probability-Flow-ODE</translation>
    </message>
    <message>
        <source>every t = 1…%1 of the model&apos;s schedule: one term each, no ODE solver</source>
        <translation>jedes t = 1…%1 des Modellplans: je ein Term, kein ODE-Löser</translation>
    </message>
    <message>
        <source>t₀ = %1 (ᾱ = %2): %3, %4 steps from t₀ to 0</source>
        <translation>t₀ = %1 (ᾱ = %2): %3, %4 Schritte von t₀ bis 0</translation>
    </message>
</context>
<context>
    <name>LikelihoodPage</name>
    <message>
        <source>exact divergence</source>
        <translation>exakte Divergenz</translation>
    </message>
    <message>
        <source>Hutchinson, Rademacher probes</source>
        <translation>Hutchinson, Rademacher-Sonden</translation>
    </message>
    <message>
        <source>Hutchinson, Gaussian probes</source>
        <translation>Hutchinson, Gauß-Sonden</translation>
    </message>
    <message>
        <source>Compute likelihood</source>
        <translation>Likelihood berechnen</translation>
    </message>
    <message>
        <source>Probes per estimate</source>
        <translation>Sonden pro Schätzung</translation>
    </message>
    <message>
        <source>Probe seeds P</source>
        <translation>Sonden-Startwerte P</translation>
    </message>
    <message>
        <source>probe seed</source>
        <translation>Sonden-Startwert</translation>
    </message>
    <message>
        <source>log p = %1 nats per sample</source>
        <translation>log p = %1 nats pro Probe</translation>
    </message>
    <message>
        <source> ± %1 across probe seeds</source>
        <translation> ± %1 über die Sonden-Startwerte</translation>
    </message>
    <message>
        <source>
%1 bits/dim</source>
        <translation>
%1 Bit/Dim</translation>
    </message>
    <message>
        <source> ± %1</source>
        <translation> ± %1</translation>
    </message>
    <message>
        <source> (8-bit data, uniformly dequantised)</source>
        <translation> (8-Bit-Daten, gleichverteilt dequantisiert)</translation>
    </message>
    <message>
        <source>
exact mixture log-density %1 nats; mean |ODE − exact| = %2 nats</source>
        <translation>
exakte Log-Dichte der Mischung %1 nats; mittleres |ODE − exakt| = %2 nats</translation>
    </message>
    <message>
        <source>estimate per probe seed</source>
        <translation>Schätzung pro Sonden-Startwert</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>± std</source>
        <translation>± Standardabw.</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>
prior: %1; adaptive RK45 (Dormand–Prince, rtol = atol = %2), %3 velocity evaluations</source>
        <translation>
Prior: %1; adaptives RK45 (Dormand–Prince, rtol = atol = %2), %3 Geschwindigkeitsauswertungen</translation>
    </message>
    <message>
        <source>log p (nats)</source>
        <translation>log p (Nats)</translation>
    </message>
    <message>
        <source>Mean log-likelihood of the batch in nats, one point per probe seed</source>
        <translation>Mittlere Log-Likelihood des Stapels in Nats, ein Punkt pro Sonden-Startwert</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>batch loss</source>
        <translation>Stapel-Verlust</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>smoothed (debiased EMA, w = %1)</source>
        <translation>geglättet (EMA ohne Anfangsverzerrung, w = %1)</translation>
    </message>
    <message>
        <source>Fréchet distance (classifier features)</source>
        <translation>Fréchet-Abstand (Klassifikator-Merkmale)</translation>
    </message>
    <message>
        <source>Fréchet distance of samples</source>
        <translation>Fréchet-Abstand der Proben</translation>
    </message>
    <message>
        <source>its floor (train vs test images)</source>
        <translation>seine Untergrenze (Trainings- gegen Testbilder)</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
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
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Schedule lab</source>
        <translation>Rauschplan-Labor</translation>
    </message>
    <message>
        <source>Forward chain</source>
        <translation>Vorwärtskette</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>Rückwärtskette</translation>
    </message>
    <message>
        <source>Compare samplers</source>
        <translation>Sampler vergleichen</translation>
    </message>
    <message>
        <source>ODE lab</source>
        <translation>ODE-Labor</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open dataset</source>
        <translation>Datensatz ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Diffusion Lab</source>
        <translation>&amp;Über Diffusion Lab</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>The language changes when Diffusion Lab is restarted.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Diffusion Lab.</translation>
    </message>
    <message>
        <source>About Diffusion Lab</source>
        <translation>Über Diffusion Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Diffusion Lab %1&lt;/h3&gt;&lt;p&gt;A laboratory for diffusion generative models: noise schedules, the forward noising chain, samplers, guidance, likelihoods and training.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Diffusion Lab %1&lt;/h3&gt;&lt;p&gt;Ein Labor für generative Diffusionsmodelle: Rauschpläne, die Vorwärts-Verrauschungskette, Sampler, Guidance, Likelihoods und Training.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2 und LibTorch.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>Lade %1 …</translation>
    </message>
    <message numerus="yes">
        <source>Dataset: %1 (%Ln samples)</source>
        <translation>
            <numerusform>Datensatz: %1 (%Ln Probe)</numerusform>
            <numerusform>Datensatz: %1 (%Ln Proben)</numerusform>
        </translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Fashion-MNIST was not found (%1); showing two moons instead. Install the package dataset-fashion-mnist for the image set.</source>
        <translation>Fashion-MNIST wurde nicht gefunden (%1); stattdessen werden zwei Monde gezeigt. Für die Bilddaten das Paket dataset-fashion-mnist installieren.</translation>
    </message>
    <message>
        <source>%1 is now the model of the sampling views.</source>
        <translation>%1 ist jetzt das Modell der Sampling-Ansichten.</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>Ansicht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Score lab</source>
        <translation>Score-Labor</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>&amp;Sitzung öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent session</source>
        <translation>&amp;Zuletzt verwendete Sitzung öffnen</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>Sitzung &amp;speichern</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <source>%1 — Diffusion Lab</source>
        <translation>%1 — Diffusion Lab</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>Could not open the session %1</source>
        <translation>Die Sitzung %1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>Die Sitzung konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened the session %1</source>
        <translation>Sitzung %1 geöffnet</translation>
    </message>
    <message>
        <source>Some settings of the session were not restored</source>
        <translation>Einige Einstellungen der Sitzung wurden nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 opened, except:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;%2&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;%1 geöffnet, außer:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;%2&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>Diffusion Lab sessions (*.%1);;All files (*)</source>
        <translation>Diffusion-Lab-Sitzungen (*.%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved the session %1</source>
        <translation>Sitzung %1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>Die Sitzung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <source>Diffusion Lab sessions (*.%1)</source>
        <translation>Diffusion-Lab-Sitzungen (*.%1)</translation>
    </message>
    <message>
        <source>L&amp;ecture mode</source>
        <translation>V&amp;ortragsmodus</translation>
    </message>
    <message>
        <source>Larger text, lines and markers, the tab&apos;s equation with its numbers, and slide keys (space: play/pause; ←/→: step)</source>
        <translation>Größere Schrift, Linien und Marker, die Gleichung des Reiters mit ihren Zahlen und Folientasten (Leertaste: Abspielen/Pause; ←/→: Schritt)</translation>
    </message>
    <message>
        <source>Could not load %1: see the Dataset tab.</source>
        <translation>%1 konnte nicht geladen werden: siehe Reiter Datensatz.</translation>
    </message>
</context>
<context>
    <name>MarginalPlots</name>
    <message>
        <source>mean of xₜ</source>
        <translation>Mittelwert von xₜ</translation>
    </message>
    <message>
        <source>expected mean √ᾱₜ·mean(x₀)</source>
        <translation>erwarteter Mittelwert √ᾱₜ·Mittel(x₀)</translation>
    </message>
    <message>
        <source>std of xₜ</source>
        <translation>Standardabw. von xₜ</translation>
    </message>
    <message>
        <source>expected std √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)</source>
        <translation>erwartete Standardabw. √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)</translation>
    </message>
    <message>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <source>histogram of xₜ</source>
        <translation>Histogramm von xₜ</translation>
    </message>
    <message>
        <source>N(0, 1) density</source>
        <translation>Dichte von N(0, 1)</translation>
    </message>
    <message>
        <source>value of x_t</source>
        <translation>Wert von x_t</translation>
    </message>
    <message>
        <source>density</source>
        <translation>Dichte</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Mean and standard deviation of x_t over all pixels / coordinates of the batch, against their closed forms</source>
        <translation>Mittelwert und Standardabweichung von x_t über alle Pixel / Koordinaten des Stapels, verglichen mit ihren geschlossenen Formen</translation>
    </message>
</context>
<context>
    <name>ModelOpener</name>
    <message>
        <source>unknown error while opening %1</source>
        <translation>unbekannter Fehler beim Öffnen von %1</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Öffne %1…</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Pin to this view</source>
        <translation>In dieser Ansicht festhalten</translation>
    </message>
    <message>
        <source>Keep this view&apos;s model when another view or a finished training run changes the current model; choices made here then stay here</source>
        <translation>Das Modell dieser Ansicht behalten, wenn eine andere Ansicht oder ein beendeter Trainingslauf das aktuelle Modell ändert; eine Wahl hier gilt dann nur hier</translation>
    </message>
    <message>
        <source>Not opened: %1</source>
        <translation>Nicht geöffnet: %1</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>Das Modell kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Exact under the Schedule lab&apos;s schedule (%1).</source>
        <translation>Exakt unter dem Rauschplan des Rauschplan-Labors (%1).</translation>
    </message>
    <message>
        <source>Schedule: its own, %1 (the same as the Schedule lab&apos;s).</source>
        <translation>Rauschplan: sein eigener, %1 (derselbe wie im Rauschplan-Labor).</translation>
    </message>
    <message>
        <source>Schedule: its own, %1; the Schedule lab shows %2, which this model does not use.</source>
        <translation>Rauschplan: sein eigener, %1; das Rauschplan-Labor zeigt %2, den dieses Modell nicht verwendet.</translation>
    </message>
    <message>
        <source>Data: %1 (from the model file).</source>
        <translation>Daten: %1 (aus der Modelldatei).</translation>
    </message>
    <message>
        <source>Pinned: the other views use %1.</source>
        <translation>Festgehalten: die anderen Ansichten verwenden %1.</translation>
    </message>
    <message>
        <source>Ask the model at the noise level (log-SNR) of each of the lab&apos;s steps instead of its own schedule&apos;s; levels noisier than it was trained at are extrapolated</source>
        <translation>Das Modell bei der Rauschstärke (log-SNR) jedes Schritts des Labors befragen statt bei der seines eigenen Rauschplans; stärker verrauschte Stufen als im Training werden extrapoliert</translation>
    </message>
    <message>
        <source>Sampled along the Schedule lab&apos;s schedule (%1) by matching log-SNR; trained on %2.</source>
        <translation>Entlang des Rauschplans des Rauschplan-Labors (%1) über gleiches log-SNR gesampelt; trainiert auf %2.</translation>
    </message>
    <message>
        <source>Use the Schedule lab&apos;s schedule</source>
        <translation>Rauschplan des Rauschplan-Labors verwenden</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Sampling starts at σ_VE = %1 (t = %2 of %3)</source>
        <translation>Das Sampling beginnt bei σ_VE = %1 (t = %2 von %3)</translation>
    </message>
    <message>
        <source>Warning: an ε-prediction model on a zero-terminal-SNR schedule cannot predict x₀ at t = T (Lin et al. 2024, §3.3). %1. Train with v-prediction to sample from t = T.</source>
        <translation>Warnung: Ein ε-Vorhersage-Modell kann auf einem Plan mit Terminal-SNR null bei t = T kein x₀ vorhersagen (Lin et al. 2024, §3.3). %1. Mit v-Vorhersage trainieren, um ab t = T zu samplen.</translation>
    </message>
    <message>
        <source>%1: an ε-prediction model&apos;s x₀ = (x − σ ε)/α would multiply its error by σ_VE(T) = %2 at t = T.</source>
        <translation>%1: Bei t = T würde x₀ = (x − σ ε)/α den Fehler eines ε-Vorhersage-Modells mit σ_VE(T) = %2 multiplizieren.</translation>
    </message>
</context>
<context>
    <name>ModelSourceBox</name>
    <message>
        <source>The exact denoiser of this Gaussian mixture: no training error</source>
        <translation>Der exakte Entrauscher dieser Gaußschen Mischung: kein Trainingsfehler</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Exact mixture: %1</source>
        <translation>Exakte Mischung: %1</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Ein Modell öffnen</translation>
    </message>
    <message>
        <source>Shipped model (%1): %2</source>
        <translation>Mitgeliefertes Modell (%1): %2</translation>
    </message>
    <message>
        <source>Open a checkpoint, a model from PyTorch (safetensors, torch.save, TorchScript), a diffusers UNet2DModel (choose its config.json) or a Gaussian-mixture JSON file</source>
        <translation>Einen Checkpoint, ein Modell aus PyTorch (safetensors, torch.save, TorchScript), ein diffusers-UNet2DModel (dessen config.json wählen) oder eine JSON-Datei einer Gaußschen Mischung öffnen</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;All files (*)</source>
        <translation>Modelle (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>OdeLabView</name>
    <message>
        <source>Solver</source>
        <translation>Löser</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Proben</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Inversion</source>
        <translation>Inversion</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>Interpolation</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>Likelihood</translation>
    </message>
    <message>
        <source>Variational bound</source>
        <translation>Variationsschranke</translation>
    </message>
    <message>
        <source>Editing (SDEdit)</source>
        <translation>Bearbeiten (SDEdit)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 läuft…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>Das Modell kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>unbedingt</translation>
    </message>
    <message>
        <source>%1 finished in %2 s.</source>
        <translation>%1 in %2 s abgeschlossen.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Spacing of the inversion grid; the default pair (%1, %2) measured best at 50 steps</source>
        <translation>Schrittverteilung des Inversionsgitters; das voreingestellte Paar (%1, %2) war bei 50 Schritten am besten</translation>
    </message>
    <message>
        <source>Solver and samples</source>
        <translation>Löser und Proben</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>Abstände</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>The run was stopped: the model changed. Run again for the new model.</source>
        <translation>Der Lauf wurde angehalten: Das Modell hat gewechselt. Für das neue Modell erneut starten.</translation>
    </message>
    <message>
        <source>Exact inversion: each encoding step is iterated (fixed point, Pan et al. 2023, up to 4 times) so that the decoding step undoes it; the round trip&apos;s error then follows the residual left rather than the solver&apos;s discretisation error (far below it where the iterations converge; at few steps on narrow data they may not, and the plain walk can be better). Costs about 5 times the encoding&apos;s network evaluations; one-step solvers only (DDIM, Euler, Heun, DPM-2). The error curve always walks the plain grid: untick to see the round trip it measures.</source>
        <translation>Exakte Inversion: Jeder Kodierschritt wird iteriert (Fixpunkt, Pan et al. 2023, bis zu 4-mal), sodass der Dekodierschritt ihn rückgängig macht; der Fehler des Hin- und Rückwegs folgt dann dem verbleibenden Residuum statt dem Diskretisierungsfehler des Lösers (weit darunter, wo die Iterationen konvergieren; bei wenigen Schritten auf schmalen Daten tun sie das womöglich nicht, und der einfache Weg kann besser sein). Kostet etwa das 5-Fache der Netzauswertungen der Kodierung; nur Einschrittlöser (DDIM, Euler, Heun, DPM-2). Die Fehlerkurve läuft immer das einfache Gitter ab: Haken entfernen, um den Hin- und Rückweg zu sehen, den sie misst.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>The likelihood integrates the ODE adaptively (RK45, Dormand–Prince, to its tolerance): Solver, Spacing and Steps don&apos;t apply.</source>
        <translation>Die Likelihood integriert die ODE adaptiv (RK45, Dormand–Prince, bis zu ihrer Toleranz): Löser, Abstände und Schritte gelten hier nicht.</translation>
    </message>
    <message>
        <source>The bound sums one term per timestep t = 1…T: Solver, Spacing and Steps don&apos;t apply.</source>
        <translation>Die Schranke summiert einen Term pro Zeitschritt t = 1…T: Löser, Abstände und Schritte gelten hier nicht.</translation>
    </message>
    <message>
        <source>Editing denoises with its own sampler and class (below) on a trailing grid that starts at t₀: Solver, Spacing and Class don&apos;t apply.</source>
        <translation>Das Bearbeiten entrauscht mit eigenem Sampler und eigener Klasse (unten) auf einem Trailing-Gitter ab t₀: Löser, Abstände und Klasse gelten hier nicht.</translation>
    </message>
    <message>
        <source>Interpolation decodes with Solver, Spacing and Steps; its seeds and classes are its own (below).</source>
        <translation>Die Interpolation dekodiert mit Löser, Abständen und Schritten; ihre Startwerte und Klassen sind eigene (unten).</translation>
    </message>
    <message>
        <source>RK45 chooses its own steps to its tolerance: Steps doesn&apos;t apply.</source>
        <translation>RK45 wählt seine Schritte selbst nach seiner Toleranz: Schritte gilt hier nicht.</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>Rewind to the first step</source>
        <translation>Zurück zum ersten Schritt</translation>
    </message>
    <message>
        <source>One step back</source>
        <translation>Einen Schritt zurück</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>One step forward</source>
        <translation>Einen Schritt vor</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> Schritte/s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>PlotViewBar</name>
    <message>
        <source>Fit to data</source>
        <translation>An Daten anpassen</translation>
    </message>
    <message>
        <source>Frame the data (grey); drag to pan, use the wheel to zoom</source>
        <translation>Die Daten (grau) einpassen; Ziehen verschiebt, das Mausrad zoomt</translation>
    </message>
    <message>
        <source>Fit to samples</source>
        <translation>An Proben anpassen</translation>
    </message>
    <message>
        <source>Frame 99 % of the samples on each axis</source>
        <translation>99 % der Proben auf jeder Achse einpassen</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 samples outside the view</source>
        <translation>
            <numerusform>%n von %1 Proben außerhalb der Ansicht</numerusform>
            <numerusform>%n von %1 Proben außerhalb der Ansicht</numerusform>
        </translation>
    </message>
    <message>
        <source> (beyond 99 % of the samples)</source>
        <translation> (jenseits von 99 % der Proben)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The file does not name its data set: model samples stand in for data.</source>
        <translation>Die Datei nennt ihren Datensatz nicht: Proben des Modells stehen für die Daten.</translation>
    </message>
    <message>
        <source>The model&apos;s data set %1 has samples of another shape than the model&apos;s; model samples stand in for data.</source>
        <translation>Der Datensatz %1 des Modells hat Proben anderer Form als das Modell; Proben des Modells stehen für die Daten.</translation>
    </message>
    <message>
        <source>The model&apos;s data set could not be loaded (%1): model samples stand in for data.</source>
        <translation>Der Datensatz des Modells konnte nicht geladen werden (%1): Proben des Modells stehen für die Daten.</translation>
    </message>
    <message>
        <source>β table</source>
        <translation>β-Tabelle</translation>
    </message>
    <message>
        <source>, zero terminal SNR</source>
        <translation>, SNR null am Ende</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Schreibe %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>Animation exportieren</translation>
    </message>
    <message>
        <source>The animation was not written: %1</source>
        <translation>Die Animation wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>There is nothing to animate yet: wait until the chain has been computed.</source>
        <translation>Noch nichts zu animieren: warten, bis die Kette berechnet ist.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save this plot as PNG, PDF or SVG</source>
        <translation>Dieses Diagramm als PNG, PDF oder SVG speichern</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>Bild exportieren…</translation>
    </message>
    <message>
        <source>Save this picture as PNG</source>
        <translation>Dieses Bild als PNG speichern</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: a plot is written as .png, .pdf or .svg.</source>
        <translation>Export nach „%1“ nicht möglich: Ein Diagramm wird als .png, .pdf oder .svg geschrieben.</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: the plot could not be drawn.</source>
        <translation>Export nach „%1“ nicht möglich: Das Diagramm konnte nicht gezeichnet werden.</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: a picture is written as .png.</source>
        <translation>Export nach „%1“ nicht möglich: Ein Bild wird als .png geschrieben.</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: there is no picture yet.</source>
        <translation>Export nach „%1“ nicht möglich: Es gibt noch kein Bild.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>Bild exportieren</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <source>This view shows no plot or picture to export yet.</source>
        <translation>Diese Ansicht zeigt noch kein Diagramm und kein Bild zum Exportieren.</translation>
    </message>
</context>
<context>
    <name>SampleDisplay</name>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Proben</translation>
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
        <translation>Streuung (1-D-Daten)</translation>
    </message>
</context>
<context>
    <name>SampleGridWidget</name>
    <message>
        <source>Samples appear here while training runs.</source>
        <translation>Hier erscheinen Proben, während das Training läuft.</translation>
    </message>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>samples (EMA)</source>
        <translation>Proben (EMA)</translation>
    </message>
</context>
<context>
    <name>SamplerComparisonView</name>
    <message numerus="yes">
        <source>Done: %n result(s).</source>
        <translation>
            <numerusform>Fertig: %n Ergebnis.</numerusform>
            <numerusform>Fertig: %n Ergebnisse.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Samplers</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Step counts, separated by commas</source>
        <translation>Schrittzahlen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Proben</translation>
    </message>
    <message>
        <source>Energy distance</source>
        <translation>Energiedistanz</translation>
    </message>
    <message>
        <source>Sliced Wasserstein W₂</source>
        <translation>Sliced-Wasserstein W₂</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distanz</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%v / %m runs</source>
        <translation>%v / %m Läufe</translation>
    </message>
    <message>
        <source>Choose at least one sampler and one step count.</source>
        <translation>Mindestens einen Sampler und eine Schrittzahl wählen.</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>Das Modell kann nicht geöffnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>Running %1 samplers × %2 step counts…</source>
        <translation>%1 Sampler × %2 Schrittzahlen laufen…</translation>
    </message>
    <message>
        <source>Running (no 2-D data to measure against: results only)…</source>
        <translation>Läuft (keine 2-D-Daten zum Vergleich: nur Ergebnisse)…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>NFE %1, %2 s</source>
        <translation>NFE %1, %2 s</translation>
    </message>
    <message>
        <source>, distance %1</source>
        <translation>, Distanz %1</translation>
    </message>
    <message>
        <source>Save optimised steps</source>
        <translation>Optimierte Schritte speichern</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>recommended per sampler</source>
        <translation>je Sampler empfohlen</translation>
    </message>
    <message>
        <source>Each sampler&apos;s recommended spacing (measured on the exact mixtures, docs/samplers.md), or one spacing for all</source>
        <translation>Die empfohlene Schrittverteilung jedes Samplers (gemessen an den exakten Mischungen, docs/samplers.md) oder eine für alle</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>Abstände</translation>
    </message>
    <message>
        <source>%1 (optimised)</source>
        <translation>%1 (optimiert)</translation>
    </message>
    <message>
        <source>Check a deterministic sampler (DDIM with η = 0 is not one here; e.g. DPM-Solver++(2M) or UniPC): optimised steps follow the ODE.</source>
        <translation>Einen deterministischen Sampler anhaken (DDIM mit η = 0 zählt hier nicht dazu; z. B. DPM-Solver++(2M) oder UniPC): optimierte Schritte folgen der ODE.</translation>
    </message>
    <message>
        <source>The optimised steps were for the previous model or schedule: optimise again.</source>
        <translation>Die optimierten Schritte gehörten zum vorigen Modell oder Zeitplan: bitte neu optimieren.</translation>
    </message>
    <message>
        <source>Saved the optimised steps to %1.</source>
        <translation>Optimierte Schritte in %1 gespeichert.</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
    <message>
        <source>%1 at %2 steps: %3</source>
        <translation>%1 bei %2 Schritten: %3</translation>
    </message>
    <message>
        <source>The run was stopped: the model changed. Run again for the new model.</source>
        <translation>Der Lauf wurde angehalten: Das Modell hat gewechselt. Für das neue Modell erneut starten.</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n result(s), samples only: no 2-D data to measure distances against.</source>
        <translation>
            <numerusform>Fertig: %n Ergebnis, nur Proben: keine 2-D-Daten, gegen die Abstände gemessen werden könnten.</numerusform>
            <numerusform>Fertig: %n Ergebnisse, nur Proben: keine 2-D-Daten, gegen die Abstände gemessen werden könnten.</numerusform>
        </translation>
    </message>
    <message>
        <source>no distances yet</source>
        <translation>noch keine Abstände</translation>
    </message>
</context>
<context>
    <name>SamplerOptionsForm</name>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Number of sampling steps N, independent of the training steps T</source>
        <translation>Anzahl der Sampling-Schritte N, unabhängig von den Trainingsschritten T</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>Abstände</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>custom (%1 steps)</source>
        <translation>eigene (%1 Schritte)</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (empfohlen)</translation>
    </message>
    <message>
        <source>Karras ρ</source>
        <translation>Karras-ρ</translation>
    </message>
    <message>
        <source>σ_max cap</source>
        <translation>σ_max-Obergrenze</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Varianz</translation>
    </message>
    <message>
        <source>Langevin step ε</source>
        <translation>Langevin-Schritt ε</translation>
    </message>
    <message>
        <source>Steps per level</source>
        <translation>Schritte pro Stufe</translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation>Prädiktor</translation>
    </message>
    <message>
        <source>Corrector steps</source>
        <translation>Korrektorschritte</translation>
    </message>
    <message>
        <source>Target SNR</source>
        <translation>Ziel-SNR</translation>
    </message>
    <message>
        <source>Lower order at the end</source>
        <translation>Niedrigere Ordnung am Ende</translation>
    </message>
    <message>
        <source>Restart σ_min</source>
        <translation>Neustart-σ_min</translation>
    </message>
    <message>
        <source>Restart σ_max</source>
        <translation>Neustart-σ_max</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
    <message>
        <source>Restart steps</source>
        <translation>Neustart-Schritte</translation>
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
        <translation>Stützpunkte</translation>
    </message>
</context>
<context>
    <name>ScheduleControls</name>
    <message>
        <source>Choose a preset…</source>
        <translation>Vorlage wählen…</translation>
    </message>
    <message>
        <source>DDPM: linear 10⁻⁴…0.02 (Ho et al. 2020)</source>
        <translation>DDPM: linear 10⁻⁴…0,02 (Ho et al. 2020)</translation>
    </message>
    <message>
        <source>Stable Diffusion: scaled-linear 0.00085…0.012</source>
        <translation>Stable Diffusion: skaliert-linear 0,00085…0,012</translation>
    </message>
    <message>
        <source>Improved DDPM: cosine (Nichol &amp; Dhariwal 2021)</source>
        <translation>Improved DDPM: Kosinus (Nichol &amp; Dhariwal 2021)</translation>
    </message>
    <message>
        <source>Stable Diffusion + zero terminal SNR (Lin et al. 2024)</source>
        <translation>Stable Diffusion + End-SNR null (Lin et al. 2024)</translation>
    </message>
    <message>
        <source>Fills in the parameters of a published schedule</source>
        <translation>Übernimmt die Parameter eines veröffentlichten Rauschplans</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>Scaled linear</source>
        <translation>Skaliert-linear</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Custom (log-SNR points)</source>
        <translation>Eigener (log-SNR-Stützpunkte)</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Number of training steps T</source>
        <translation>Anzahl der Trainingsschritte T</translation>
    </message>
    <message>
        <source>Steps T</source>
        <translation>Schritte T</translation>
    </message>
    <message>
        <source>β at t = 1</source>
        <translation>β bei t = 1</translation>
    </message>
    <message>
        <source>β start</source>
        <translation>β Anfang</translation>
    </message>
    <message>
        <source>β at t = T</source>
        <translation>β bei t = T</translation>
    </message>
    <message>
        <source>β end</source>
        <translation>β Ende</translation>
    </message>
    <message>
        <source>Offset s of the cosine schedule (Nichol &amp; Dhariwal 2021, eq. 17)</source>
        <translation>Versatz s des Kosinus-Plans (Nichol &amp; Dhariwal 2021, Gl. 17)</translation>
    </message>
    <message>
        <source>Cosine offset s</source>
        <translation>Kosinus-Versatz s</translation>
    </message>
    <message>
        <source>The cosine schedule clips β_t at this value</source>
        <translation>Der Kosinus-Plan begrenzt β_t auf diesen Wert</translation>
    </message>
    <message>
        <source>Max β</source>
        <translation>Max. β</translation>
    </message>
    <message>
        <source>Zero terminal SNR</source>
        <translation>End-SNR null</translation>
    </message>
    <message>
        <source>Rescale √ᾱ_t so that ᾱ_T = 0: the model is trained on pure noise at t = T (Lin et al. 2024)</source>
        <translation>√ᾱ_t so umskalieren, dass ᾱ_T = 0: das Modell wird bei t = T auf reinem Rauschen trainiert (Lin et al. 2024)</translation>
    </message>
    <message>
        <source>Drag the points on the log-SNR plot. Double-click adds a point, right-click removes one.</source>
        <translation>Die Punkte im log-SNR-Diagramm ziehen. Doppelklick fügt einen Punkt hinzu, Rechtsklick entfernt einen.</translation>
    </message>
    <message>
        <source>Reset points</source>
        <translation>Punkte zurücksetzen</translation>
    </message>
    <message>
        <source>Place control points on the schedule last shown</source>
        <translation>Stützpunkte auf den zuletzt gezeigten Plan setzen</translation>
    </message>
    <message numerus="yes">
        <source>Custom table with %n value(s), loaded from a file.</source>
        <translation>
            <numerusform>Eigene Tabelle mit %n Wert, aus einer Datei geladen.</numerusform>
            <numerusform>Eigene Tabelle mit %n Werten, aus einer Datei geladen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScheduleLabView</name>
    <message>
        <source>Schedule (A, solid)</source>
        <translation>Rauschplan (A, durchgezogen)</translation>
    </message>
    <message>
        <source>Compare with… (B, dashed)</source>
        <translation>Vergleichen mit… (B, gestrichelt)</translation>
    </message>
    <message>
        <source>Freeze current as B</source>
        <translation>Aktuellen als B festhalten</translation>
    </message>
    <message>
        <source>Copy schedule A into B, then change A to compare</source>
        <translation>Plan A nach B kopieren, dann A zum Vergleich ändern</translation>
    </message>
    <message>
        <source>β_t: variance of the noise added at step t</source>
        <translation>β_t: Varianz des in Schritt t hinzugefügten Rauschens</translation>
    </message>
    <message>
        <source>β_t</source>
        <translation>β_t</translation>
    </message>
    <message>
        <source>ᾱ_t: fraction of the signal&apos;s variance left</source>
        <translation>ᾱ_t: verbleibender Anteil der Signalvarianz</translation>
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
        <translation>Rauschpegel √(1 − ᾱ_t) und σ_t = √((1 − ᾱ_t) / ᾱ_t)</translation>
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
        <translation>σ_t (log. Skala)</translation>
    </message>
    <message>
        <source>Invalid schedule: %1. The plots show the last valid schedule.</source>
        <translation>Ungültiger Rauschplan: %1. Die Diagramme zeigen den letzten gültigen Plan.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The terminal SNR is far from zero:&lt;/b&gt; ᾱ_T = %1, so x_T still keeps %2 % of the image&apos;s amplitude (√ᾱ_T). The model never sees pure noise in training, yet sampling starts from pure noise; such models cannot make very bright or very dark images (Lin et al. 2024, “Common Diffusion Noise Schedules and Sample Steps are Flawed”). Tick &lt;i&gt;Zero terminal SNR&lt;/i&gt; to rescale.</source>
        <translation>&lt;b&gt;Das End-SNR ist weit von null entfernt:&lt;/b&gt; ᾱ_T = %1, also behält x_T noch %2 % der Bildamplitude (√ᾱ_T). Das Modell sieht im Training nie reines Rauschen, das Sampling beginnt aber mit reinem Rauschen; solche Modelle können keine sehr hellen oder sehr dunklen Bilder erzeugen (Lin et al. 2024, „Common Diffusion Noise Schedules and Sample Steps are Flawed“). &lt;i&gt;End-SNR null&lt;/i&gt; ankreuzen, um umzuskalieren.</translation>
    </message>
    <message>
        <source>T = %1 · ᾱ_T = %2 · λ from %3 to %4</source>
        <translation>T = %1 · ᾱ_T = %2 · λ von %3 bis %4</translation>
    </message>
    <message>
        <source>Invalid schedule: %1</source>
        <translation>Ungültiger Rauschplan: %1</translation>
    </message>
</context>
<context>
    <name>SchedulePlot</name>
    <message>
        <source>training step t</source>
        <translation>Trainingsschritt t</translation>
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
    <message>
        <source>sampler&apos;s steps</source>
        <translation>Schritte des Samplers</translation>
    </message>
</context>
<context>
    <name>ScoreFieldPicture</name>
    <message>
        <source>the DSM network</source>
        <translation>das DSM-Netz</translation>
    </message>
    <message>
        <source>the SSM network</source>
        <translation>das SSM-Netz</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
    <message>
        <source>the exact score</source>
        <translation>der exakte Score</translation>
    </message>
    <message>
        <source>t = %1: σ/α = %2.</source>
        <translation>t = %1: σ/α = %2.</translation>
    </message>
    <message>
        <source> Red: %1, black: exact. Error weighted by p_t: %2 relative (unweighted mean %3): scores are learned only where the data are.</source>
        <translation> Rot: %1, schwarz: exakt. Nach p_t gewichteter Fehler: %2 relativ (ungewichteter Mittelwert %3): Scores werden nur dort gelernt, wo die Daten liegen.</translation>
    </message>
    <message>
        <source> Heat: log₁₀ ‖s_θ − s*‖².</source>
        <translation> Heatmap: log₁₀ ‖s_θ − s*‖².</translation>
    </message>
    <message>
        <source> Choose a network under Arrows to see its error.</source>
        <translation> Unter „Pfeile“ ein Netz wählen, um seinen Fehler zu sehen.</translation>
    </message>
    <message>
        <source> Heat: log p_t of %1 by the probability-flow ODE.</source>
        <translation> Heatmap: log p_t (%1) aus der Probability-Flow-ODE.</translation>
    </message>
    <message>
        <source> Heat: exact log p_t.</source>
        <translation> Heatmap: exaktes log p_t.</translation>
    </message>
    <message>
        <source> Black: the exact score; %1 is not available.</source>
        <translation> Schwarz: der exakte Score; %1 ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>the exact mixture</source>
        <translation>der exakten Mischung</translation>
    </message>
    <message>
        <source>log p_t (ODE)</source>
        <translation>log p_t (ODE)</translation>
    </message>
    <message>
        <source>exact log p_t</source>
        <translation>exaktes log p_t</translation>
    </message>
</context>
<context>
    <name>ScoreLabPlots</name>
    <message>
        <source>exact score</source>
        <translation>exakter Score</translation>
    </message>
    <message>
        <source>learned score</source>
        <translation>gelernter Score</translation>
    </message>
    <message>
        <source>particles</source>
        <translation>Partikel</translation>
    </message>
    <message>
        <source>true weight</source>
        <translation>wahres Gewicht</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>DSM loss</source>
        <translation>DSM-Verlust</translation>
    </message>
    <message>
        <source>SSM loss + 1</source>
        <translation>SSM-Verlust + 1</translation>
    </message>
    <message>
        <source>DSM field error</source>
        <translation>DSM-Feldfehler</translation>
    </message>
    <message>
        <source>SSM field error</source>
        <translation>SSM-Feldfehler</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>relativer Fehler</translation>
    </message>
    <message>
        <source>Field error E‖s_θ − s*‖² / E‖s*‖² over the grid, averaged over t</source>
        <translation>Feldfehler E‖s_θ − s*‖² / E‖s*‖² über das Gitter, gemittelt über t</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
    <message>
        <source>start region (drag to move)</source>
        <translation>Startbereich (zum Verschieben ziehen)</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Fraction of the particles per mode, beside the mixture&apos;s true weights</source>
        <translation>Anteil der Partikel pro Modus, neben den wahren Gewichten der Mischung</translation>
    </message>
</context>
<context>
    <name>ScoreLabSettings</name>
    <message>
        <source>Score field</source>
        <translation>Score-Feld</translation>
    </message>
    <message>
        <source>mixture: %1</source>
        <translation>Mischung: %1</translation>
    </message>
    <message>
        <source>two moons (data points)</source>
        <translation>zwei Monde (Datenpunkte)</translation>
    </message>
    <message>
        <source>swiss roll (data points)</source>
        <translation>Swiss Roll (Datenpunkte)</translation>
    </message>
    <message>
        <source>checkerboard (data points)</source>
        <translation>Schachbrett (Datenpunkte)</translation>
    </message>
    <message>
        <source>A mixture&apos;s score is exact. For data that are not a mixture the reference is the exact score of 4000 further points drawn from the same recipe (Karras et al. 2022&apos;s ideal denoiser).</source>
        <translation>Der Score einer Mischung ist exakt. Für Daten, die keine Mischung sind, ist die Referenz der exakte Score von 4000 weiteren Punkten nach demselben Rezept (der ideale Entrauscher von Karras et al. 2022).</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Time t</source>
        <translation>Zeit t</translation>
    </message>
    <message>
        <source>exact score</source>
        <translation>exakter Score</translation>
    </message>
    <message>
        <source>DSM network against exact</source>
        <translation>DSM-Netz gegen exakt</translation>
    </message>
    <message>
        <source>SSM network against exact</source>
        <translation>SSM-Netz gegen exakt</translation>
    </message>
    <message>
        <source>the model (below) against exact</source>
        <translation>das Modell (unten) gegen exakt</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>Pfeile</translation>
    </message>
    <message>
        <source>log p_t (exact)</source>
        <translation>log p_t (exakt)</translation>
    </message>
    <message>
        <source>error ‖s_θ − s*‖²</source>
        <translation>Fehler ‖s_θ − s*‖²</translation>
    </message>
    <message>
        <source>log p_t of the arrows&apos; model (ODE)</source>
        <translation>log p_t des Modells der Pfeile (ODE)</translation>
    </message>
    <message>
        <source>The model&apos;s own density comes from the probability-flow ODE likelihood (exact divergence), computed on the worker.</source>
        <translation>Die eigene Dichte des Modells stammt aus der Likelihood der Probability-Flow-ODE (exakte Divergenz), im Hintergrund berechnet.</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Gitter</translation>
    </message>
    <message>
        <source>Langevin dynamics</source>
        <translation>Langevin-Dynamik</translation>
    </message>
    <message>
        <source>DSM network</source>
        <translation>DSM-Netz</translation>
    </message>
    <message>
        <source>SSM network</source>
        <translation>SSM-Netz</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Annealed (Song &amp;&amp; Ermon 2019)</source>
        <translation>Mit Annealing (Song &amp;&amp; Ermon 2019)</translation>
    </message>
    <message>
        <source>Particles</source>
        <translation>Partikel</translation>
    </message>
    <message>
        <source>x ← x + δ ∇log p(x) + √(2δ) z</source>
        <translation>x ← x + δ ∇log p(x) + √(2δ) z</translation>
    </message>
    <message>
        <source>Step δ</source>
        <translation>Schrittweite δ</translation>
    </message>
    <message>
        <source>Annealed: the step at level i is δ_i = r σ_i²</source>
        <translation>Annealing: Der Schritt auf Stufe i ist δ_i = r σ_i²</translation>
    </message>
    <message>
        <source>Step ratio r</source>
        <translation>Schrittverhältnis r</translation>
    </message>
    <message>
        <source>Steps (per level)</source>
        <translation>Schritte (pro Stufe)</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>Largest σ</source>
        <translation>Größtes σ</translation>
    </message>
    <message>
        <source>Drag on the plot to choose where the particles start.</source>
        <translation>Im Diagramm ziehen, um zu wählen, wo die Partikel starten.</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Animation exportieren…</translation>
    </message>
    <message>
        <source>Score matching: DSM against SSM</source>
        <translation>Score-Matching: DSM gegen SSM</translation>
    </message>
    <message>
        <source>ε (noise)</source>
        <translation>ε (Rauschen)</translation>
    </message>
    <message>
        <source>x₀ (clean data)</source>
        <translation>x₀ (saubere Daten)</translation>
    </message>
    <message>
        <source>v (velocity)</source>
        <translation>v (Geschwindigkeit)</translation>
    </message>
    <message>
        <source>DSM predicts</source>
        <translation>DSM sagt vorher</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Both networks start from the same weights and see the same batches. The SSM network needs no noise target, only a Jacobian–vector product.</source>
        <translation>Beide Netze starten mit denselben Gewichten und sehen dieselben Stapel. Das SSM-Netz braucht kein Rauschziel, nur ein Jacobi-Vektor-Produkt.</translation>
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
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Run particles</source>
        <translation>Partikel starten</translation>
    </message>
    <message>
        <source>Train both</source>
        <translation>Beide trainieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Cannot use this data set: %1</source>
        <translation>Dieser Datensatz kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Train the networks first (Score matching ▸ Train both); showing the exact score.</source>
        <translation>Zuerst die Netze trainieren (Score-Matching ▸ Beide trainieren); der exakte Score wird gezeigt.</translation>
    </message>
    <message>
        <source>Train the networks first (Score matching ▸ Train both), or run on the exact score.</source>
        <translation>Zuerst die Netze trainieren (Score-Matching ▸ Beide trainieren) oder mit dem exakten Score ausführen.</translation>
    </message>
    <message>
        <source>Langevin particles…</source>
        <translation>Langevin-Partikel…</translation>
    </message>
    <message>
        <source>Particles done: the bars show where they ended, the grey ones the true weights.</source>
        <translation>Partikel fertig: Die Balken zeigen, wo sie gelandet sind, die grauen die wahren Gewichte.</translation>
    </message>
    <message>
        <source>%1 frames of %2 particles</source>
        <translation>%1 Bilder mit %2 Partikeln</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training…</translation>
    </message>
    <message>
        <source>Training DSM and SSM…</source>
        <translation>DSM und SSM werden trainiert…</translation>
    </message>
    <message>
        <source>Trained %1 steps. Field error (relative, mean over t): DSM %2, SSM %3.</source>
        <translation>%1 Schritte trainiert. Feldfehler (relativ, gemittelt über t): DSM %2, SSM %3.</translation>
    </message>
    <message>
        <source>%1 is not a 2-D model: the score lab needs a model of points (a two-moons or mixture checkpoint, or a mixture).</source>
        <translation>%1 ist kein 2-D-Modell: das Score-Labor braucht ein Modell von Punkten (einen Zwei-Monde- oder Mischungs-Checkpoint oder eine Mischung).</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
    <message>
        <source>Not a model of points in the plane: the score lab draws 2-D fields</source>
        <translation>Kein Modell von Punkten in der Ebene: das Score-Labor zeichnet 2-D-Felder</translation>
    </message>
    <message>
        <source> The model was trained on %1, the reference is %2: the error includes the difference between the two data sets.</source>
        <translation> Das Modell wurde auf %1 trainiert, die Referenz ist %2: der Fehler enthält auch den Unterschied zwischen den beiden Datensätzen.</translation>
    </message>
    <message>
        <source>The particles followed the previous model: run them again for this one.</source>
        <translation>Die Partikel folgten dem vorigen Modell: für dieses erneut starten.</translation>
    </message>
    <message>
        <source>Drawing the field of %1…</source>
        <translation>Zeichne das Feld von %1…</translation>
    </message>
</context>
<context>
    <name>StepOptimiserPanel</name>
    <message>
        <source>Optimised steps</source>
        <translation>Optimierte Schritte</translation>
    </message>
    <message>
        <source>Steps of the grid to optimise, for the first checked deterministic sampler</source>
        <translation>Schritte des zu optimierenden Gitters, für den ersten angehakten deterministischen Sampler</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Optimise steps</source>
        <translation>Schritte optimieren</translation>
    </message>
    <message>
        <source>Search t_1 &gt; … &gt; t_{N−1} so that the sampler&apos;s samples come closest to the RK45 solution of the probability-flow ODE (Sabour et al. 2024; Chen et al. 2024)</source>
        <translation>Sucht t_1 &gt; … &gt; t_{N−1}, sodass die Samples des Samplers der RK45-Lösung der Probability-Flow-ODE am nächsten kommen (Sabour et al. 2024; Chen et al. 2024)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <source>Save the optimised grid as JSON (difflab-cli sample --timesteps-file)</source>
        <translation>Das optimierte Gitter als JSON speichern (difflab-cli sample --timesteps-file)</translation>
    </message>
    <message>
        <source>Optimising failed: %1</source>
        <translation>Optimierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stop optimising</source>
        <translation>Optimierung anhalten</translation>
    </message>
    <message>
        <source>Optimising %1 steps of %2…</source>
        <translation>Optimiere %1 Schritte von %2 …</translation>
    </message>
    <message>
        <source>Optimising… %1 %, error %2</source>
        <translation>Optimiere … %1 %, Fehler %2</translation>
    </message>
    <message>
        <source>%1 at %2 steps: RMS distance to the exact ODE %3 with optimised steps, %4 with the best fixed spacing (%5 sampler runs). Run to compare.</source>
        <translation>%1 mit %2 Schritten: RMS-Abstand zur exakten ODE %3 mit optimierten Schritten, %4 mit der besten festen Schrittverteilung (%5 Sampler-Läufe). Zum Vergleich „Ausführen“.</translation>
    </message>
    <message>
        <source>No optimised steps yet: press Optimise steps first.</source>
        <translation>Noch keine optimierten Schritte: zuerst „Schritte optimieren“ drücken.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>TimestepLossHeatmap</name>
    <message>
        <source>loss (unweighted)</source>
        <translation>Verlust (ungewichtet)</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>Zeitschritt t</translation>
    </message>
    <message>
        <source>t %1–%2</source>
        <translation>t %1–%2</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <source>MLP (hidden 128, 3 blocks) — points</source>
        <translation>MLP (128 versteckt, 3 Blöcke) — Punkte</translation>
    </message>
    <message>
        <source>MLP large (hidden 256, 4 blocks) — points</source>
        <translation>MLP groß (256 versteckt, 4 Blöcke) — Punkte</translation>
    </message>
    <message>
        <source>DDPM U-Net small — 28–32 px images, CPU</source>
        <translation>DDPM-U-Net klein — Bilder mit 28–32 px, CPU</translation>
    </message>
    <message>
        <source>Lecture notebook SimpleUnet (62 M) — images</source>
        <translation>SimpleUnet aus dem Vorlesungs-Notebook (62 M) — Bilder</translation>
    </message>
    <message>
        <source>DDPM U-Net CIFAR-10 (35.7 M) — images, GPU</source>
        <translation>DDPM-U-Net CIFAR-10 (35,7 M) — Bilder, GPU</translation>
    </message>
    <message>
        <source>Data and network</source>
        <translation>Daten und Netz</translation>
    </message>
    <message>
        <source>A built-in data set or any data set spec (see docs/file-formats.md)</source>
        <translation>Ein eingebauter Datensatz oder eine beliebige Datensatzangabe (siehe docs/file-formats.md)</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>class-conditional</source>
        <translation>klassenbedingt</translation>
    </message>
    <message>
        <source>Learn a class embedding with a null class, for classifier-free guidance</source>
        <translation>Eine Klasseneinbettung mit Nullklasse lernen, für Classifier-free Guidance</translation>
    </message>
    <message>
        <source>Probability of dropping the label to the null class (Ho &amp; Salimans 2022)</source>
        <translation>Wahrscheinlichkeit, das Label durch die Nullklasse zu ersetzen (Ho &amp; Salimans 2022)</translation>
    </message>
    <message>
        <source>p_uncond</source>
        <translation>p_uncond</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Zielgröße</translation>
    </message>
    <message>
        <source>noise ε</source>
        <translation>Rauschen ε</translation>
    </message>
    <message>
        <source>data x₀</source>
        <translation>Daten x₀</translation>
    </message>
    <message>
        <source>velocity v</source>
        <translation>Geschwindigkeit v</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>L1 (lecture notebook)</source>
        <translation>L1 (Vorlesungs-Notebook)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>none (L_simple)</source>
        <translation>keine (L_simple)</translation>
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
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>gleichverteilt</translation>
    </message>
    <message>
        <source>π(t) ∝ 1/σ_t²</source>
        <translation>π(t) ∝ 1/σ_t²</translation>
    </message>
    <message>
        <source>from the loss history</source>
        <translation>aus dem Verlustverlauf</translation>
    </message>
    <message>
        <source>t sampling</source>
        <translation>t-Auswahl</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Rauschplan</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>Aufwärmschritte</translation>
    </message>
    <message>
        <source>EMA decay</source>
        <translation>EMA-Abklingrate</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>CUDA devices are listed when this build of LibTorch has CUDA and a GPU is present</source>
        <translation>CUDA-Geräte erscheinen, wenn dieses LibTorch CUDA unterstützt und eine GPU vorhanden ist</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <source>bf16 autocast</source>
        <translation>bf16-Autocast</translation>
    </message>
    <message>
        <source>bf16 autocast runs convolutions and matrix products in bfloat16 (normalisation stays fp32): faster on GPUs and on CPUs with AVX-512 BF16 or AMX, slower on other CPUs</source>
        <translation>bf16-Autocast rechnet Faltungen und Matrixprodukte in bfloat16 (Normierungen bleiben fp32): schneller auf GPUs und auf CPUs mit AVX-512 BF16 oder AMX, langsamer auf anderen CPUs</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Threads for the CPU&apos;s matrix and convolution kernels, per process</source>
        <translation>Threads für die Matrix- und Faltungskernel der CPU, je Prozess</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>Data-parallel processes on this computer (PyTorch&apos;s c10d with Gloo; NCCL on GPUs). Each takes an equal share of every batch and the gradients are summed, so the run is the same as one process. This window is rank 0 and draws the plots; the others run difflab-cli. A multi-process run cannot pause.</source>
        <translation>Datenparallele Prozesse auf diesem Rechner (c10d von PyTorch mit Gloo; NCCL auf GPUs). Jeder nimmt einen gleichen Teil jedes Stapels, die Gradienten werden summiert, der Lauf ist also derselbe wie mit einem Prozess. Dieses Fenster ist Rang 0 und zeichnet die Plots; die anderen führen difflab-cli aus. Ein Lauf mit mehreren Prozessen kann nicht pausieren.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Checkpoints and previews</source>
        <translation>Checkpoints und Vorschauen</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose where the checkpoint is written</source>
        <translation>Wählen, wohin der Checkpoint geschrieben wird</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Speichern nach</translation>
    </message>
    <message>
        <source>only at the end / on Stop</source>
        <translation>nur am Ende / bei Stopp</translation>
    </message>
    <message>
        <source>Save every</source>
        <translation>Speichern alle</translation>
    </message>
    <message>
        <source>new model</source>
        <translation>neues Modell</translation>
    </message>
    <message>
        <source>Continue from this checkpoint: its network, objective and schedule are used</source>
        <translation>Von diesem Checkpoint fortsetzen: sein Netz, seine Zielgröße und sein Rauschplan werden verwendet</translation>
    </message>
    <message>
        <source>Choose a checkpoint to resume from</source>
        <translation>Einen Checkpoint zum Fortsetzen wählen</translation>
    </message>
    <message>
        <source>Resume from</source>
        <translation>Fortsetzen von</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Samples every</source>
        <translation>Proben alle</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Proben</translation>
    </message>
    <message>
        <source>DDIM steps (η = 0) per preview, from the same fixed noise every time</source>
        <translation>DDIM-Schritte (η = 0) pro Vorschau, jedes Mal aus demselben festen Rauschen</translation>
    </message>
    <message>
        <source>Sampling steps</source>
        <translation>Sampling-Schritte</translation>
    </message>
    <message>
        <source>Every N steps, 500 samples (every class in turn, 20 DPM-Solver++(2M) steps) are compared with 500 test images: the Fréchet distance in the shipped classifier&apos;s features, plotted beside the loss with the distance between train and test images as its floor</source>
        <translation>Alle N Schritte werden 500 Proben (jede Klasse der Reihe nach, 20 DPM-Solver++(2M)-Schritte) mit 500 Testbildern verglichen: der Fréchet-Abstand in den Merkmalen des mitgelieferten Klassifikators, neben dem Verlust gezeichnet, mit dem Abstand zwischen Trainings- und Testbildern als Untergrenze</translation>
    </message>
    <message>
        <source>Fréchet distance every</source>
        <translation>Fréchet-Abstand alle</translation>
    </message>
    <message>
        <source>Samples (and test images) per measurement: more is steadier and slower; the distance is biased upwards at small numbers, so compare only at equal numbers</source>
        <translation>Proben (und Testbilder) je Messung: mehr ist stabiler und langsamer; bei kleinen Zahlen ist der Abstand nach oben verzerrt, also nur bei gleichen Zahlen vergleichen</translation>
    </message>
    <message>
        <source>Fréchet samples</source>
        <translation>Fréchet-Proben</translation>
    </message>
    <message>
        <source>No classifier of this data set is installed: the Fréchet distance is off.</source>
        <translation>Für diesen Datensatz ist kein Klassifikator installiert: der Fréchet-Abstand ist aus.</translation>
    </message>
    <message>
        <source>Measured with %1.</source>
        <translation>Gemessen mit %1.</translation>
    </message>
    <message>
        <source>%1, T = %2 — set in the Schedule lab</source>
        <translation>%1, T = %2 — im Rauschplan-Labor eingestellt</translation>
    </message>
    <message>
        <source> (zero terminal SNR)</source>
        <translation> (End-SNR null)</translation>
    </message>
    <message>
        <source>Save checkpoint as</source>
        <translation>Checkpoint speichern unter</translation>
    </message>
    <message>
        <source>Diffusion Lab checkpoints (*.ckpt);;All files (*)</source>
        <translation>Diffusion-Lab-Checkpoints (*.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Resume from checkpoint</source>
        <translation>Von Checkpoint fortsetzen</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop after the current step and write the checkpoint</source>
        <translation>Nach dem aktuellen Schritt anhalten und den Checkpoint schreiben</translation>
    </message>
    <message>
        <source>%v / %m steps</source>
        <translation>%v / %m Schritte</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Untätig</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verlust&lt;/b&gt;</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>log. Skala</translation>
    </message>
    <message>
        <source>heatmap over steps</source>
        <translation>Heatmap über Schritte</translation>
    </message>
    <message>
        <source>curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>&lt;b&gt;Samples from the EMA weights&lt;/b&gt; (fixed noise)</source>
        <translation>&lt;b&gt;Proben aus den EMA-Gewichten&lt;/b&gt; (festes Rauschen)</translation>
    </message>
    <message>
        <source>Choose a data set.</source>
        <translation>Einen Datensatz wählen.</translation>
    </message>
    <message>
        <source>Starting …</source>
        <translation>Starte …</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation>Halte an …</translation>
    </message>
    <message>
        <source>No checkpoint was written (no path given).</source>
        <translation>Kein Checkpoint geschrieben (kein Pfad angegeben).</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>Checkpoint: %1</translation>
    </message>
    <message>
        <source>Stopped at step %1. </source>
        <translation>Bei Schritt %1 angehalten. </translation>
    </message>
    <message>
        <source>Finished at step %1. </source>
        <translation>Bei Schritt %1 fertig. </translation>
    </message>
    <message>
        <source>
The last good checkpoint stays: %1</source>
        <translation>
Der letzte gute Checkpoint bleibt: %1</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>Training angehalten: %1</translation>
    </message>
    <message>
        <source>%1 img/s</source>
        <translation>%1 Bilder/s</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>GPU memory %1</source>
        <translation>GPU-Speicher %1</translation>
    </message>
    <message>
        <source>RSS %1</source>
        <translation>RSS %1</translation>
    </message>
    <message>
        <source>Not started: %1. Press Start again to train it anyway.</source>
        <translation>Nicht gestartet: %1. Erneut „Start“ drücken, um trotzdem zu trainieren.</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>noch kein Lauf</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Weight w of the debiased exponential moving average, as in TensorBoard: 0 none, 0.99 heavy</source>
        <translation>Gewicht w des exponentiellen gleitenden Mittels ohne Anfangsverzerrung, wie in TensorBoard: 0 keine, 0,99 stark</translation>
    </message>
    <message>
        <source>loss %1 (smoothed)</source>
        <translation>Verlust %1 (geglättet)</translation>
    </message>
    <message>
        <source>Step %1: Fréchet distance %2 (floor %3)</source>
        <translation>Schritt %1: Fréchet-Abstand %2 (Untergrenze %3)</translation>
    </message>
    <message>
        <source>, %1 % of samples of the class asked for</source>
        <translation>, %1 % der Proben in der verlangten Klasse</translation>
    </message>
    <message>
        <source> (measured with %1 in %2 s)</source>
        <translation> (gemessen mit %1 in %2 s)</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>Training did not start: %1</source>
        <translation>Das Training ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>(drawn at step %1; the run stopped at step %2)</source>
        <translation>(gezogen bei Schritt %1; der Lauf endete bei Schritt %2)</translation>
    </message>
    <message>
        <source>Step 0, the untrained network</source>
        <translation>Schritt 0, das untrainierte Netz</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 — DDIM, %2 steps, drawn in %3 s</source>
        <translation>%1 — DDIM, %2 Schritte, gezogen in %3 s</translation>
    </message>
    <message>
        <source>Not started; the figures are the previous run&apos;s</source>
        <translation>Nicht gestartet; die Zahlen sind die des vorigen Laufs</translation>
    </message>
    <message>
        <source>Previous run: %1</source>
        <translation>Voriger Lauf: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss per timestep&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verlust pro Zeitschritt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Which noise levels are learned late: the loss of each band of timesteps over training</source>
        <translation>Welche Rauschstufen spät gelernt werden: der Verlust jedes Zeitschrittbands im Verlauf des Trainings</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Loading %1 …</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <source>Drawing samples at step %1 …</source>
        <translation>Ziehe Proben bei Schritt %1 …</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Paused at step %1</source>
        <translation>Bei Schritt %1 pausiert</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>Divergiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Computing the features of %1 test images for the Fréchet distance …</source>
        <translation>Berechne die Merkmale von %1 Testbildern für den Fréchet-Abstand …</translation>
    </message>
    <message>
        <source>Measuring sample quality at step %1 …</source>
        <translation>Messe die Probenqualität bei Schritt %1 …</translation>
    </message>
    <message>
        <source>%1:%2, %3 parameters; %4 (%5 samples); </source>
        <translation>%1:%2, %3 Parameter; %4 (%5 Proben); </translation>
    </message>
    <message>
        <source>batch %1 split over %2 processes (%3 each, %5), %4 CPU thread(s) per process, on %6</source>
        <translation>Stapel %1 auf %2 Prozesse verteilt (je %3, %5), %4 CPU-Thread(s) je Prozess, auf %6</translation>
    </message>
    <message>
        <source>batch %1 on %2, %3 threads</source>
        <translation>Stapel %1 auf %2, %3 Threads</translation>
    </message>
    <message>
        <source>cannot train in several processes: difflab-cli was found neither next to this program nor on PATH (set DIFFLAB_CLI to its path)</source>
        <translation>Training in mehreren Prozessen nicht möglich: difflab-cli wurde weder neben diesem Programm noch im PATH gefunden (DIFFLAB_CLI auf seinen Pfad setzen)</translation>
    </message>
    <message>
        <source>Starting %1 more processes …</source>
        <translation>Starte %1 weitere Prozesse …</translation>
    </message>
    <message>
        <source>cannot train in several processes: DIFFLAB_CLI is &apos;%1&apos;, not an executable</source>
        <translation>Training in mehreren Prozessen nicht möglich: DIFFLAB_CLI ist &apos;%1&apos;, kein ausführbares Programm</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>VlbPage</name>
    <message>
        <source>Compute the bound</source>
        <translation>Schranke berechnen</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>Zeitschritt t</translation>
    </message>
    <message>
        <source>Total %1 nats per sample = %2 bits/dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (%7 decoder).   The largest L_{t−1} is at t = %8.</source>
        <translation>Gesamt %1 nats pro Probe = %2 Bit/Dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (%7-Decoder).   Das größte L_{t−1} liegt bei t = %8.</translation>
    </message>
    <message>
        <source>L_{t−1}</source>
        <translation>L_{t−1}</translation>
    </message>
    <message>
        <source>|L₀| (t = 1, negative)</source>
        <translation>|L₀| (t = 1, negativ)</translation>
    </message>
    <message>
        <source>L₀ (t = 1)</source>
        <translation>L₀ (t = 1)</translation>
    </message>
    <message>
        <source>L_T (prior)</source>
        <translation>L_T (Prior)</translation>
    </message>
    <message>
        <source>term (nats)</source>
        <translation>Term (Nats)</translation>
    </message>
    <message>
        <source>Each term of the bound in nats per sample, on a log axis</source>
        <translation>Jeder Term der Schranke in Nats pro Probe, auf logarithmischer Achse</translation>
    </message>
</context>
<context>
    <name>WindowSession</name>
    <message>
        <source>is not an object; ignored</source>
        <translation>ist kein Objekt; ignoriert</translation>
    </message>
    <message>
        <source>= %1 is not %2; the setting was left as it is</source>
        <translation>= %1 ist kein %2; die Einstellung blieb unverändert</translation>
    </message>
    <message>
        <source>is not a string; the sampler settings were left as they are</source>
        <translation>ist keine Zeichenkette; die Sampler-Einstellungen blieben unverändert</translation>
    </message>
    <message>
        <source>could not be applied (%1)</source>
        <translation>konnte nicht angewendet werden (%1)</translation>
    </message>
    <message>
        <source>could not be read (%1); the schedule was left as it is</source>
        <translation>konnte nicht gelesen werden (%1); der Rauschplan blieb unverändert</translation>
    </message>
    <message>
        <source>= &quot;%1&quot; is not &quot;sample&quot; or &quot;batch&quot;</source>
        <translation>= &quot;%1&quot; ist nicht &quot;sample&quot; oder &quot;batch&quot;</translation>
    </message>
    <message>
        <source>could not be read (%1)</source>
        <translation>konnte nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>Rückwärtskette</translation>
    </message>
    <message>
        <source>Compare samplers</source>
        <translation>Sampler vergleichen</translation>
    </message>
    <message>
        <source>is not a list of sampler names; left as it is</source>
        <translation>ist keine Liste von Sampler-Namen; unverändert gelassen</translation>
    </message>
    <message>
        <source>ODE lab</source>
        <translation>ODE-Labor</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>Aktuelles Modell</translation>
    </message>
</context>
<context>
    <name>odelab::ResultView</name>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>moves</source>
        <translation>Verschiebungen</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Proben</translation>
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
