<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnimationExportDialog</name>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Animated GIF (.gif)</source>
        <translation>GIF 动画 (.gif)</translation>
    </message>
    <message>
        <source>Plays in any browser and slide program; colours are reduced to 256, grey is exact.</source>
        <translation>可在任何浏览器和演示软件中播放；颜色减少到 256 种，灰度精确保留。</translation>
    </message>
    <message>
        <source>MP4 video (.mp4)</source>
        <translation>MP4 视频 (.mp4)</translation>
    </message>
    <message>
        <source>Encoded as %1.</source>
        <translation>编码为 %1。</translation>
    </message>
    <message>
        <source>PNG frames in a folder (frame_0000.png, …)</source>
        <translation>文件夹中的 PNG 帧（frame_0000.png, …）</translation>
    </message>
    <message>
        <source>Every frame losslessly, for editing or for your own video tools.</source>
        <translation>无损保存每一帧，便于编辑或用其他视频工具处理。</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>A GIF plays at most 50 frames per second.</source>
        <translation>GIF 最多每秒播放 50 帧。</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>帧率：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>Choose where to save the animation.</source>
        <translation>请选择动画的保存位置。</translation>
    </message>
</context>
<context>
    <name>AnimationExporter</name>
    <message>
        <source>Wrote %1: %2 frames of %3 × %4 pixels</source>
        <translation>已写入 %1：%2 帧，每帧 %3 × %4 像素</translation>
    </message>
    <message>
        <source>, as PNG files</source>
        <translation>，保存为 PNG 文件</translation>
    </message>
    <message>
        <source>, video codec %1</source>
        <translation>，视频编码器 %1</translation>
    </message>
</context>
<context>
    <name>BranchControls</name>
    <message>
        <source>Branch at the shown step</source>
        <translation>在当前显示的步分支</translation>
    </message>
    <message>
        <source>Guidance of the branch (needs a class)</source>
        <translation>分支的引导强度（需要类别）</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>引导 w</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>从此处分支</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
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
        <translation>x̂₀（预测的数据）</translation>
    </message>
    <message>
        <source>ε̂ (predicted noise)</source>
        <translation>ε̂（预测的噪声）</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>链</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>&lt;b&gt;Branch&lt;/b&gt;</source>
        <translation>&lt;b&gt;分支&lt;/b&gt;</translation>
    </message>
    <message>
        <source>step %1 / %2 &amp;nbsp; t = %3 &amp;nbsp; ᾱ&lt;sub&gt;t&lt;/sub&gt; = %4 &amp;nbsp; σ&lt;sub&gt;t&lt;/sub&gt; = √(1−ᾱ&lt;sub&gt;t&lt;/sub&gt;) = %5 &amp;nbsp; ‖ε̂‖ = %6 &amp;nbsp; NFE = %7</source>
        <translation>步 %1 / %2 &amp;nbsp; t = %3 &amp;nbsp; ᾱ&lt;sub&gt;t&lt;/sub&gt; = %4 &amp;nbsp; σ&lt;sub&gt;t&lt;/sub&gt; = √(1−ᾱ&lt;sub&gt;t&lt;/sub&gt;) = %5 &amp;nbsp; ‖ε̂‖ = %6 &amp;nbsp; NFE = %7</translation>
    </message>
    <message>
        <source> &amp;nbsp; ‖s ∇ log p(y | x&lt;sub&gt;t&lt;/sub&gt;)‖ = %1</source>
        <translation> &amp;nbsp; ‖s ∇ log p(y | x&lt;sub&gt;t&lt;/sub&gt;)‖ = %1</translation>
    </message>
    <message>
        <source>step %1 / %2, t = %3</source>
        <translation>步 %1 / %2，t = %3</translation>
    </message>
    <message>
        <source>The reverse chain of %1 (%2 steps, batch of %3): x_t from x_T to the samples, one frame per step.</source>
        <translation>%1 的反向链（%2 步，批大小 %3）：x_t 从 x_T 到样本，每步一帧。</translation>
    </message>
    <message>
        <source>spread (1-D data)</source>
        <translation>散布（一维数据）</translation>
    </message>
</context>
<context>
    <name>ChainPlayerView</name>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <source>Chain of %1 steps computed in %2 s (%3 network evaluations).</source>
        <translation>已计算 %1 步的链，用时 %2 秒（%3 次网络评估）。</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>链</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>computed %v / %m</source>
        <translation>已计算 %v / %m</translation>
    </message>
    <message>
        <source>Computing the chain…</source>
        <translation>正在计算链…</translation>
    </message>
    <message>
        <source>The chain has ended here: rewind to the step to branch at.</source>
        <translation>链在此处已结束：请回退到要分支的那一步。</translation>
    </message>
    <message>
        <source>%1, η = %2, seed %3</source>
        <translation>%1，η = %2，种子 %3</translation>
    </message>
    <message>
        <source>Branched at step %1: %2.</source>
        <translation>已在第 %1 步分支：%2。</translation>
    </message>
    <message>
        <source>branch from step %1:</source>
        <translation>从第 %1 步起的分支：</translation>
    </message>
    <message>
        <source>(starts at step %1)</source>
        <translation>（从第 %1 步开始）</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Save the computed chain x_T → x_0 as an animated GIF, an MP4 video or PNG frames</source>
        <translation>将计算出的链 x_T → x_0 保存为 GIF 动画、MP4 视频或 PNG 帧</translation>
    </message>
    <message>
        <source>Play the chain: the update of each step is shown here.</source>
        <translation>播放链：此处显示每一步的更新。</translation>
    </message>
    <message>
        <source>The shown step: 0 is x_T, the last the samples</source>
        <translation>显示的步骤：0 为 x_T，最后一步为样本</translation>
    </message>
    <message>
        <source>no chain yet</source>
        <translation>尚无链</translation>
    </message>
</context>
<context>
    <name>ClassifierGuidanceBox</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>exact posterior (mixtures)</source>
        <translation>精确后验（混合模型）</translation>
    </message>
    <message>
        <source>Open classifier…</source>
        <translation>打开分类器…</translation>
    </message>
    <message>
        <source>Classifier guidance towards the class (Dhariwal &amp; Nichol 2021): ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t). With w = 0 the classifier alone steers</source>
        <translation>朝向该类别的分类器引导（Dhariwal &amp; Nichol 2021）：ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t)。w = 0 时仅由分类器引导</translation>
    </message>
    <message>
        <source>Classifier</source>
        <translation>分类器</translation>
    </message>
    <message>
        <source>Classifier scale s: 1 samples p(x | y) with an exact classifier, &gt; 1 sharper</source>
        <translation>分类器强度 s：1 表示用精确分类器采样 p(x | y)，&gt; 1 更锐利</translation>
    </message>
    <message>
        <source>Classifier scale s</source>
        <translation>分类器强度 s</translation>
    </message>
    <message>
        <source>Open a classifier</source>
        <translation>打开分类器</translation>
    </message>
    <message>
        <source>Classifier checkpoints (*.ckpt);;All files (*)</source>
        <translation>分类器检查点 (*.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Classifier not opened: %1</source>
        <translation>未打开分类器：%1</translation>
    </message>
    <message>
        <source>the exact classifier needs a mixture model</source>
        <translation>精确分类器需要混合模型</translation>
    </message>
    <message>
        <source>the classifier %1 has other classes than the model</source>
        <translation>分类器 %1 的类别与模型不同</translation>
    </message>
</context>
<context>
    <name>ComparisonPictures</name>
    <message>
        <source>network evaluations (NFE)</source>
        <translation>网络评估次数（NFE）</translation>
    </message>
    <message>
        <source>distance to the data</source>
        <translation>到数据的距离</translation>
    </message>
    <message>
        <source>%1 (optimised)</source>
        <translation>%1（已优化）</translation>
    </message>
    <message>
        <source>data vs data</source>
        <translation>数据 vs 数据</translation>
    </message>
</context>
<context>
    <name>DatasetFileChooser</name>
    <message>
        <source>IDX files (MNIST, Fashion-MNIST)…</source>
        <translation>IDX 文件（MNIST、Fashion-MNIST）…</translation>
    </message>
    <message>
        <source>CIFAR-10 binary batch…</source>
        <translation>CIFAR-10 二进制批次…</translation>
    </message>
    <message>
        <source>Folder of images…</source>
        <translation>图像文件夹…</translation>
    </message>
    <message>
        <source>Gaussian mixture (JSON)…</source>
        <translation>高斯混合（JSON）…</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *-ubyte.gz *.idx *.gz);;All files (*)</source>
        <translation>IDX 文件 (*-ubyte *-ubyte.gz *.idx *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open IDX images</source>
        <translation>打开 IDX 图像</translation>
    </message>
    <message>
        <source>Open the matching IDX labels</source>
        <translation>打开对应的 IDX 标签</translation>
    </message>
    <message>
        <source>Open a CIFAR-10 binary batch</source>
        <translation>打开 CIFAR-10 二进制批次</translation>
    </message>
    <message>
        <source>CIFAR-10 batches (*.bin);;All files (*)</source>
        <translation>CIFAR-10 批次 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a folder of images</source>
        <translation>打开图像文件夹</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Images are resized and centre-cropped to this size (pixels):</source>
        <translation>图像将缩放并居中裁剪到此尺寸（像素）：</translation>
    </message>
    <message>
        <source>Open a Gaussian mixture</source>
        <translation>打开高斯混合</translation>
    </message>
    <message>
        <source>Gaussian mixtures (*.json);;All files (*)</source>
        <translation>高斯混合 (*.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>DatasetThumbnailModel</name>
    <message>
        <source>Sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>Sample %1: %2</source>
        <translation>样本 %1：%2</translation>
    </message>
</context>
<context>
    <name>DatasetView</name>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>未加载数据集。</translation>
    </message>
    <message>
        <source>This dataset has %1-dimensional points; only 2-D points are plotted.</source>
        <translation>此数据集的点是 %1 维的；只绘制二维点。</translation>
    </message>
    <message>
        <source>%1: %2 samples of shape %3, %4 classes; %5 shown</source>
        <translation>%1：%2 个形状为 %3 的样本，%4 个类别；显示 %5 个</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Not loaded: %1. Still showing %2.</source>
        <translation>未加载：%1。仍显示 %2。</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>未加载：%1</translation>
    </message>
</context>
<context>
    <name>DifflabApplication</name>
    <message>
        <source>Diffusion Lab: a laboratory for diffusion generative models.</source>
        <translation>Diffusion Lab：扩散生成模型实验室。</translation>
    </message>
    <message>
        <source>Language of the interface (%1); overrides the setting.</source>
        <translation>界面语言（%1）；优先于设置。</translation>
    </message>
    <message>
        <source>Render every view offscreen to PNG files in &lt;dir&gt; (Fashion-MNIST and two moons) and exit.</source>
        <translation>在屏幕外将每个视图渲染为 &lt;dir&gt; 中的 PNG 文件（Fashion-MNIST 和双月）后退出。</translation>
    </message>
    <message>
        <source>Comma-separated dataset specs for --screenshots (default: fashion-mnist:train,two-moons).</source>
        <translation>--screenshots 使用的数据集说明，以逗号分隔（默认：fashion-mnist:train,two-moons）。</translation>
    </message>
    <message>
        <source>Open a checkpoint or Gaussian-mixture JSON &lt;file&gt; in the sampling views.</source>
        <translation>在采样视图中打开检查点或高斯混合 JSON 文件 &lt;file&gt;。</translation>
    </message>
    <message>
        <source>Window size for --screenshots, e.g. 1366x728 (a laptop) or 1280x680 (1920 × 1080 at 150 %, with QT_SCALE_FACTOR=1.5); default 1400x860.</source>
        <translation>--screenshots 的窗口尺寸，例如 1366x728（笔记本电脑）或 1280x680（1920 × 1080 缩放 150 %，配合 QT_SCALE_FACTOR=1.5）；默认 1400x860。</translation>
    </message>
    <message>
        <source>A session file (.difflab) to open, as File ▸ Open session.</source>
        <translation>要打开的会话文件（.difflab），同 文件 ▸ 打开会话。</translation>
    </message>
    <message>
        <source>Start in lecture mode (View ▸ Lecture mode): larger text and lines, each tab&apos;s equation with its numbers, slide keys.</source>
        <translation>以授课模式启动（视图 ▸ 授课模式）：更大的文字和线条，每个标签页的方程及其数值，幻灯片按键。</translation>
    </message>
</context>
<context>
    <name>EditPage</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Noise level</source>
        <translation>噪声水平</translation>
    </message>
    <message>
        <source>Denoise as class</source>
        <translation>按类别去噪</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>引导</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>|Result − original|</source>
        <translation>|结果 − 原图|</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>无条件</translation>
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
        <translation>加噪至 t₀ = %1，再用 %2 去噪（%3 次网络评估）。平均 |差异| %4。</translation>
    </message>
    <message>
        <source>Moves: each original joined to its result</source>
        <translation>位移：每个原始点连到其结果</translation>
    </message>
</context>
<context>
    <name>ForwardChainView</name>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Chosen sample</source>
        <translation>所选样本</translation>
    </message>
    <message>
        <source>The sample selected in the Dataset tab (the first one if none is selected).</source>
        <translation>在“数据集”标签页中选中的样本（未选中时为第一个）。</translation>
    </message>
    <message>
        <source>Random batch</source>
        <translation>随机批次</translation>
    </message>
    <message>
        <source>%1 random images, or %2 random points of 2-D data, drawn with the seed.</source>
        <translation>%1 张随机图像，或二维数据的 %2 个随机点，按种子抽取。</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>过程</translation>
    </message>
    <message>
        <source>Closed form q(x_t | x₀)</source>
        <translation>闭式 q(x_t | x₀)</translation>
    </message>
    <message>
        <source>x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε with one ε for every t (Ho et al. 2020, eq. 4).</source>
        <translation>x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε，所有 t 使用同一个 ε（Ho et al. 2020，式 4）。</translation>
    </message>
    <message>
        <source>Markov chain, step by step</source>
        <translation>马尔可夫链，逐步</translation>
    </message>
    <message>
        <source>x_t = √(1 − β_t) x_{t−1} + √β_t ε_t, fresh noise each step (Ho et al. 2020, eq. 2). Its first noise is the closed form&apos;s ε, so both agree at t = 1.</source>
        <translation>x_t = √(1 − β_t) x_{t−1} + √β_t ε_t，每步使用新的噪声（Ho et al. 2020，式 2）。其第一步的噪声就是闭式中的 ε，因此两者在 t = 1 时一致。</translation>
    </message>
    <message>
        <source>New noise</source>
        <translation>新噪声</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>t:</source>
        <translation>t:</translation>
    </message>
    <message>
        <source>data x₀</source>
        <translation>数据 x₀</translation>
    </message>
    <message>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>未加载数据集。</translation>
    </message>
    <message>
        <source>Computing the chain…</source>
        <translation>正在计算链…</translation>
    </message>
    <message>
        <source>Markov chain: %1 steps from seed %2.</source>
        <translation>马尔可夫链：从种子 %2 起 %1 步。</translation>
    </message>
    <message>
        <source>Closed form from seed %1.</source>
        <translation>闭式，种子 %1。</translation>
    </message>
    <message>
        <source>The chain failed: %1</source>
        <translation>链计算失败：%1</translation>
    </message>
    <message>
        <source>x_t at t = %1</source>
        <translation>t = %1 时的 x_t</translation>
    </message>
    <message>
        <source>ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3</source>
        <translation>ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3</translation>
    </message>
    <message>
        <source>mean %1 (expected %2), std %3 (expected %4)</source>
        <translation>均值 %1（期望 %2），标准差 %3（期望 %4）</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Save the chain from t = 0 to T as an animated GIF, an MP4 video or PNG frames</source>
        <translation>将 t = 0 到 T 的链保存为 GIF 动画、MP4 视频或 PNG 帧</translation>
    </message>
    <message>
        <source>Markov chain</source>
        <translation>马尔可夫链</translation>
    </message>
    <message>
        <source>closed form</source>
        <translation>闭式</translation>
    </message>
    <message>
        <source>%1, t = %2</source>
        <translation>%1，t = %2</translation>
    </message>
    <message>
        <source>The forward chain (%1) from t = 0 to %2: %3 frames, every %4 steps (the speed of Play).</source>
        <translation>前向链（%1），t = 0 到 %2：%3 帧，每 %4 步一帧（即“播放”的速度）。</translation>
    </message>
</context>
<context>
    <name>GenerateView</name>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <source>Sampling…</source>
        <translation>正在采样…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Batch and guidance</source>
        <translation>批次与引导</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>步 %v / %m</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Open PNG…</source>
        <translation>打开 PNG…</translation>
    </message>
    <message>
        <source>Save the picture with its full recipe in PNG text chunks</source>
        <translation>将图像及其完整配方保存在 PNG 文本块中</translation>
    </message>
    <message>
        <source>Restore the settings from a PNG saved by Diffusion Lab</source>
        <translation>从 Diffusion Lab 保存的 PNG 中恢复设置</translation>
    </message>
    <message>
        <source>Note: the model file has changed since the picture was made (SHA-256 differs).</source>
        <translation>注意：自生成该图像以来，模型文件已更改（SHA-256 不同）。</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s), %1 network evaluations, %2 s</source>
        <translation>
            <numerusform>%n 个样本，%1 次网络评估，%2 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>The model of this picture, %1, is not on this computer.</source>
        <translation>此图像的模型 %1 不在本机上。</translation>
    </message>
    <message>
        <source>Nothing to save yet: generate first.</source>
        <translation>尚无可保存的内容：请先生成。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Save samples</source>
        <translation>保存样本</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved %1 with its recipe.</source>
        <translation>已保存 %1 及其配方。</translation>
    </message>
    <message>
        <source>Open a sample PNG</source>
        <translation>打开样本 PNG</translation>
    </message>
    <message>
        <source>each class in turn</source>
        <translation>依次每个类别</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>GuidanceControls</name>
    <message>
        <source>(unconditional)</source>
        <translation>（无条件）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Classifier-free guidance w: 0 unconditional, 1 conditional, &gt; 1 guided</source>
        <translation>无分类器引导 w：0 为无条件，1 为条件，&gt; 1 为加强引导</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>引导 w</translation>
    </message>
    <message>
        <source>(every class in turn)</source>
        <translation>（依次生成每个类别）</translation>
    </message>
</context>
<context>
    <name>ImportSettingsDialog</name>
    <message numerus="yes">
        <source>, %n classes</source>
        <translation>
            <numerusform>，%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>Import settings: %1</source>
        <translation>导入设置：%1</translation>
    </message>
    <message>
        <source>A TorchScript module; its forward takes class labels (x_t, t, y).</source>
        <translation>TorchScript 模块；其 forward 接受类别标签 (x_t, t, y)。</translation>
    </message>
    <message>
        <source>A TorchScript module; its forward takes (x_t, t).</source>
        <translation>TorchScript 模块；其 forward 接受 (x_t, t)。</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>已识别：%1。</translation>
    </message>
    <message>
        <source>Its parameter names are none of Diffusion Lab&apos;s architectures (MLP, the notebook&apos;s SimpleUnet, the DDPM U-Net). Save the module as TorchScript instead (docs/import.md).</source>
        <translation>其参数名不属于 Diffusion Lab 的任何架构（MLP、课程笔记本的 SimpleUnet、DDPM U-Net）。请改为将该模块保存为 TorchScript（docs/import.md）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>It did not open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image size (height × width)</source>
        <translation>图像尺寸（高 × 宽）</translation>
    </message>
    <message>
        <source>The size of the images the network was trained on; a U-Net&apos;s weights do not fix it</source>
        <translation>网络训练时所用图像的尺寸；U-Net 的权重并不决定它</translation>
    </message>
    <message>
        <source>The shape of one sample: C, H, W for images, D for points</source>
        <translation>单个样本的形状：图像为 C, H, W，点为 D</translation>
    </message>
    <message>
        <source>Sample shape</source>
        <translation>样本形状</translation>
    </message>
    <message>
        <source>[%1] (from the weights)%2</source>
        <translation>[%1]（来自权重）%2</translation>
    </message>
    <message>
        <source>Lecture notebook: linear β 1e-4 → 0.02, T = 300</source>
        <translation>课程笔记本：线性 β 1e-4 → 0.02，T = 300</translation>
    </message>
    <message>
        <source>Linear β (Ho et al. 2020)</source>
        <translation>线性 β（Ho et al. 2020）</translation>
    </message>
    <message>
        <source>Scaled linear β (Stable Diffusion)</source>
        <translation>缩放线性 β（Stable Diffusion）</translation>
    </message>
    <message>
        <source>Cosine ᾱ (Nichol &amp; Dhariwal 2021)</source>
        <translation>余弦 ᾱ（Nichol &amp; Dhariwal 2021）</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>Training steps T</source>
        <translation>训练步数 T</translation>
    </message>
    <message>
        <source>β_start (β at t = 1)</source>
        <translation>β_start（t = 1 时的 β）</translation>
    </message>
    <message>
        <source>β_end (β at t = T)</source>
        <translation>β_end（t = T 时的 β）</translation>
    </message>
    <message>
        <source>ε (noise)</source>
        <translation>ε（噪声）</translation>
    </message>
    <message>
        <source>x₀ (clean data)</source>
        <translation>x₀（干净数据）</translation>
    </message>
    <message>
        <source>v = α ε − σ x₀</source>
        <translation>v = α ε − σ x₀</translation>
    </message>
    <message>
        <source>score ∇ log p</source>
        <translation>分数 ∇ log p</translation>
    </message>
    <message>
        <source>The network predicts</source>
        <translation>网络预测</translation>
    </message>
    <message>
        <source>Images scaled to [−1, 1] (x / 127.5 − 1)</source>
        <translation>缩放到 [−1, 1] 的图像 (x / 127.5 − 1)</translation>
    </message>
    <message>
        <source>Points, unscaled</source>
        <translation>点，未缩放</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>names separated by commas</source>
        <translation>以逗号分隔的名称</translation>
    </message>
    <message>
        <source>One name per class, in the order of the labels 0, 1, …</source>
        <translation>每个类别一个名称，按标签 0, 1, … 的顺序</translation>
    </message>
    <message>
        <source>The network takes no class labels</source>
        <translation>该网络不接受类别标签</translation>
    </message>
    <message>
        <source>Class names</source>
        <translation>类别名称</translation>
    </message>
    <message>
        <source>As in the sidecar: %1</source>
        <translation>与附带文件相同：%1</translation>
    </message>
    <message>
        <source>, zero terminal SNR</source>
        <translation>，终端 SNR 为零</translation>
    </message>
    <message>
        <source>Saved as %1 next to the model: it opens with these settings from now on, here and in difflab-cli.</source>
        <translation>将作为 %1 保存在模型旁：今后在这里和 difflab-cli 中都会以这些设置打开。</translation>
    </message>
    <message>
        <source>Save and open</source>
        <translation>保存并打开</translation>
    </message>
    <message>
        <source>These weights cannot be opened with settings alone.</source>
        <translation>仅凭设置无法打开这些权重。</translation>
    </message>
    <message>
        <source>Sample shape: &apos;%1&apos; is not a positive whole number</source>
        <translation>样本形状：“%1”不是正整数</translation>
    </message>
    <message>
        <source>Sample shape: give C, H, W for images or D for points</source>
        <translation>样本形状：图像请给出 C, H, W，点请给出 D</translation>
    </message>
    <message>
        <source>β₁ must be smaller than β_T</source>
        <translation>β₁ 必须小于 β_T</translation>
    </message>
    <message>
        <source>Class names: the weights have %1 classes, %2 names were given</source>
        <translation>类别名称：权重有 %1 个类别，但给出了 %2 个名称</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (from config.json)</source>
        <translation>%1 × %2 × %3（来自 config.json）</translation>
    </message>
    <message>
        <source>GroupNorm&apos;s group count is not stored in the weights: 32 in Ho et al.&apos;s U-Net and diffusers&apos; default</source>
        <translation>GroupNorm 的组数不保存在权重中：Ho 等人的 U-Net 和 diffusers 的默认值都是 32</translation>
    </message>
    <message>
        <source>GroupNorm groups</source>
        <translation>GroupNorm 组数</translation>
    </message>
    <message>
        <source>Images scaled to [0, 1] (x / 255, as ToTensor())</source>
        <translation>缩放到 [0, 1] 的图像（x / 255，同 ToTensor()）</translation>
    </message>
    <message>
        <source>diffusers&apos; pipelines scale images to [−1, 1]</source>
        <translation>diffusers 的流水线把图像缩放到 [−1, 1]</translation>
    </message>
    <message>
        <source>GroupNorm groups: %1 does not divide the channel count %2</source>
        <translation>GroupNorm 组数：%1 不能整除通道数 %2</translation>
    </message>
    <message>
        <source>Saved in the folder as %1, where diffusers reads it: the folder opens with these settings from now on, here, in difflab-cli and in diffusers.</source>
        <translation>保存在文件夹中的 %1（diffusers 从这里读取）：此后该文件夹在这里、difflab-cli 和 diffusers 中都以这些设置打开。</translation>
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
        <translation>插值</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Seed A</source>
        <translation>种子 A</translation>
    </message>
    <message>
        <source>Class A</source>
        <translation>类别 A</translation>
    </message>
    <message>
        <source>Guidance A</source>
        <translation>引导 A</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Seed B</source>
        <translation>种子 B</translation>
    </message>
    <message>
        <source>Class B</source>
        <translation>类别 B</translation>
    </message>
    <message>
        <source>Guidance B</source>
        <translation>引导 B</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>frame weight w</source>
        <translation>帧权重 w</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>无条件</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Save the interpolation as an animated GIF, an MP4 video or PNG frames</source>
        <translation>将插值保存为 GIF 动画、MP4 视频或 PNG 帧</translation>
    </message>
    <message>
        <source>w = %1</source>
        <translation>w = %1</translation>
    </message>
    <message>
        <source>The %1 interpolation: %2 decoded frames, from w = 0 to 1.</source>
        <translation>%1 插值：%2 个解码帧，w 从 0 到 1。</translation>
    </message>
    <message>
        <source>‖z‖</source>
        <translation>‖z‖</translation>
    </message>
    <message>
        <source>Latent norm ‖z‖ of each frame: slerp keeps it, lerp dips midway</source>
        <translation>每帧的潜变量范数 ‖z‖：slerp 保持不变，lerp 在中途下降</translation>
    </message>
</context>
<context>
    <name>InversionPage</name>
    <message>
        <source>Invert and reconstruct</source>
        <translation>反演并重建</translation>
    </message>
    <message>
        <source>Original x₀</source>
        <translation>原始 x₀</translation>
    </message>
    <message>
        <source>Latent x_T</source>
        <translation>潜变量 x_T</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Reconstruction error against steps</source>
        <translation>重建误差随步数的变化</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>%1, plain walk</source>
        <translation>%1，普通反向行走</translation>
    </message>
    <message>
        <source>%1 with adaptive steps</source>
        <translation>%1，自适应步长</translation>
    </message>
    <message>
        <source>%1, exact steps, with %2 steps</source>
        <translation>%1，精确步，%2 步</translation>
    </message>
    <message>
        <source>%1 with %2 steps</source>
        <translation>%1，%2 步</translation>
    </message>
    <message>
        <source>%1 to t = %2: %3 network evaluations. Reconstruction error per sample: relative mean %4, max %5; MSE per dimension %6.</source>
        <translation>%1 至 t = %2：%3 次网络评估。每个样本的重建误差：相对均值 %4，最大 %5；每维 MSE %6。</translation>
    </message>
</context>
<context>
    <name>LabSession</name>
    <message>
        <source>%1: the model reference is not an object; the model was left as it is</source>
        <translation>%1：模型引用不是对象；模型保持不变</translation>
    </message>
    <message>
        <source>%1: the model %2 is missing (moved or deleted); the model was left as it is</source>
        <translation>%1：模型 %2 缺失（已移动或删除）；模型保持不变</translation>
    </message>
    <message>
        <source>%1: the model %2 moved; opened %3, found beside the session</source>
        <translation>%1：模型 %2 已移动；已打开在会话旁找到的 %3</translation>
    </message>
    <message>
        <source>%1: the model %2 changed since the session was saved (SHA-256 %3… is now %4…); opened as it is now</source>
        <translation>%1：模型 %2 自会话保存后已更改（SHA-256 %3… 现为 %4…）；按当前状态打开</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>没有此文件</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a session file</source>
        <translation>%1 字节对会话文件而言过大</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>not a Diffusion Lab session (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>不是 Diffusion Lab 会话（没有 &quot;format&quot;: &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>the field &quot;version&quot; is missing or not an integer</source>
        <translation>字段 &quot;version&quot; 缺失或不是整数</translation>
    </message>
    <message>
        <source>written by a newer Diffusion Lab (session version %1; this one reads up to %2). Update Diffusion Lab to open it.</source>
        <translation>由更新版本的 Diffusion Lab 写入（会话版本 %1；本版本最多读取 %2）。请更新 Diffusion Lab 后再打开。</translation>
    </message>
    <message>
        <source>session version %1 does not exist (versions start at 1)</source>
        <translation>会话版本 %1 不存在（版本从 1 开始）</translation>
    </message>
</context>
<context>
    <name>LangevinFrame</name>
    <message>
        <source>Langevin diverged at step %1: the step is too large for this noise level (keep δ well under σ_VE(t)² = %2, or raise t).</source>
        <translation>朗之万在第 %1 步发散：对此噪声水平而言步长过大（请使 δ 远小于 σ_VE(t)² = %2，或增大 t）。</translation>
    </message>
    <message>
        <source>Annealed Langevin: step %1 of %2, level σ = %3, δ = %4</source>
        <translation>退火朗之万：第 %1 / %2 步，级别 σ = %3，δ = %4</translation>
    </message>
    <message>
        <source>Langevin: step %1 of %2, δ = %3</source>
        <translation>朗之万：第 %1 / %2 步，δ = %3</translation>
    </message>
</context>
<context>
    <name>Lecture</name>
    <message>
        <source>DDIM, η = %1:</source>
        <translation>DDIM，η = %1：</translation>
    </message>
    <message>
        <source>%1; its first-order (DDIM, η = 0) part:</source>
        <translation>%1；其一阶（DDIM，η = 0）部分：</translation>
    </message>
    <message>
        <source>an unconditional model: no guidance</source>
        <translation>无条件模型：无引导</translation>
    </message>
    <message>
        <source>r = %1, %2 levels: &amp;nbsp;σ from %3 to %4, &amp;nbsp;δ from %5 to %6</source>
        <translation>r = %1，%2 个层级：&amp;nbsp;σ 从 %3 到 %4，&amp;nbsp;δ 从 %5 到 %6</translation>
    </message>
    <message>
        <source>%1, %2 steps from σ̄&lt;sub&gt;max&lt;/sub&gt; to 0</source>
        <translation>%1，从 σ̄&lt;sub&gt;max&lt;/sub&gt; 到 0 共 %2 步</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <source>floor (two data samples): %1</source>
        <translation>下限（两组数据样本）：%1</translation>
    </message>
    <message>
        <source>%1: %2 samples of shape %3</source>
        <translation>%1：%2 个样本，形状 %3</translation>
    </message>
    <message>
        <source>step %1: &amp;nbsp;L = %2 on this batch</source>
        <translation>第 %1 步：&amp;nbsp;本批 L = %2</translation>
    </message>
    <message>
        <source>step %1: &amp;nbsp;L = %2 on this batch, %3 smoothed</source>
        <translation>第 %1 步：&amp;nbsp;本批 L = %2，平滑后 %3</translation>
    </message>
    <message>
        <source>%1 from σ̄&lt;sub&gt;max&lt;/sub&gt; to 0</source>
        <translation>%1，从 σ̄&lt;sub&gt;max&lt;/sub&gt; 到 0</translation>
    </message>
    <message>
        <source>adaptive RK45 (Dormand–Prince, tolerance %1) from the data to t = T, along the probability-flow ODE</source>
        <translation>自适应 RK45（Dormand–Prince，容差 %1），沿概率流 ODE 从数据到 t = T</translation>
    </message>
    <message>
        <source>every t = 1…%1 of the model&apos;s schedule: one term each, no ODE solver</source>
        <translation>模型调度的每个 t = 1…%1：每步一项，不用 ODE 求解器</translation>
    </message>
    <message>
        <source>t₀ = %1 (ᾱ = %2): %3, %4 steps from t₀ to 0</source>
        <translation>t₀ = %1（ᾱ = %2）：%3，从 t₀ 到 0 共 %4 步</translation>
    </message>
</context>
<context>
    <name>LikelihoodPage</name>
    <message>
        <source>exact divergence</source>
        <translation>精确散度</translation>
    </message>
    <message>
        <source>Hutchinson, Rademacher probes</source>
        <translation>Hutchinson，Rademacher 探针</translation>
    </message>
    <message>
        <source>Hutchinson, Gaussian probes</source>
        <translation>Hutchinson，高斯探针</translation>
    </message>
    <message>
        <source>Compute likelihood</source>
        <translation>计算似然</translation>
    </message>
    <message>
        <source>Probes per estimate</source>
        <translation>每次估计的探针数</translation>
    </message>
    <message>
        <source>Probe seeds P</source>
        <translation>探针种子数 P</translation>
    </message>
    <message>
        <source>probe seed</source>
        <translation>探针种子</translation>
    </message>
    <message>
        <source>log p = %1 nats per sample</source>
        <translation>log p = 每个样本 %1 nats</translation>
    </message>
    <message>
        <source> ± %1 across probe seeds</source>
        <translation> ± %1（不同探针种子间）</translation>
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
        <translation> (8 位数据，均匀去量化)</translation>
    </message>
    <message>
        <source>
exact mixture log-density %1 nats; mean |ODE − exact| = %2 nats</source>
        <translation>
混合模型的精确对数密度 %1 nats；平均 |ODE − 精确值| = %2 nats</translation>
    </message>
    <message>
        <source>estimate per probe seed</source>
        <translation>每个探针种子的估计</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>± std</source>
        <translation>± 标准差</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>精确值</translation>
    </message>
    <message>
        <source>
prior: %1; adaptive RK45 (Dormand–Prince, rtol = atol = %2), %3 velocity evaluations</source>
        <translation>
先验：%1；自适应 RK45（Dormand–Prince，rtol = atol = %2），%3 次速度评估</translation>
    </message>
    <message>
        <source>log p (nats)</source>
        <translation>log p（nats）</translation>
    </message>
    <message>
        <source>Mean log-likelihood of the batch in nats, one point per probe seed</source>
        <translation>批次的平均对数似然（nats），每个探针种子一个点</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>batch loss</source>
        <translation>批次损失</translation>
    </message>
    <message>
        <source>smoothed (debiased EMA, w = %1)</source>
        <translation>平滑（去偏 EMA，w = %1）</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Fréchet distance (classifier features)</source>
        <translation>Fréchet 距离（分类器特征）</translation>
    </message>
    <message>
        <source>Fréchet distance of samples</source>
        <translation>样本的 Fréchet 距离</translation>
    </message>
    <message>
        <source>its floor (train vs test images)</source>
        <translation>其下限（训练图像 vs 测试图像）</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
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
        <translation>数据集</translation>
    </message>
    <message>
        <source>Schedule lab</source>
        <translation>调度实验室</translation>
    </message>
    <message>
        <source>Forward chain</source>
        <translation>前向链</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>%1 is now the model of the sampling views.</source>
        <translation>%1 现在是采样视图的模型。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>反向链</translation>
    </message>
    <message>
        <source>Compare samplers</source>
        <translation>比较采样器</translation>
    </message>
    <message>
        <source>ODE lab</source>
        <translation>ODE 实验室</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open dataset</source>
        <translation>打开数据集(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Diffusion Lab</source>
        <translation>关于 Diffusion Lab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>The language changes when Diffusion Lab is restarted.</source>
        <translation>重新启动 Diffusion Lab 后语言才会更改。</translation>
    </message>
    <message>
        <source>About Diffusion Lab</source>
        <translation>关于 Diffusion Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Diffusion Lab %1&lt;/h3&gt;&lt;p&gt;A laboratory for diffusion generative models: noise schedules, the forward noising chain, samplers, guidance, likelihoods and training.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Diffusion Lab %1&lt;/h3&gt;&lt;p&gt;扩散生成模型实验室：噪声调度、前向加噪链、采样器、引导、似然与训练。&lt;/p&gt;&lt;p&gt;基于 Qt %2 和 LibTorch 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message numerus="yes">
        <source>Dataset: %1 (%Ln samples)</source>
        <translation>
            <numerusform>数据集：%1（%Ln 个样本）</numerusform>
        </translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>Fashion-MNIST was not found (%1); showing two moons instead. Install the package dataset-fashion-mnist for the image set.</source>
        <translation>未找到 Fashion-MNIST（%1）；改为显示双月数据。如需图像数据集，请安装 dataset-fashion-mnist 软件包。</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <source>Score lab</source>
        <translation>分数实验室</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;recent session</source>
        <translation>打开最近的会话(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>%1 — Diffusion Lab</source>
        <translation>%1 — Diffusion Lab</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（缺失）</translation>
    </message>
    <message>
        <source>Could not open the session %1</source>
        <translation>无法打开会话 %1</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Opened the session %1</source>
        <translation>已打开会话 %1</translation>
    </message>
    <message>
        <source>Some settings of the session were not restored</source>
        <translation>会话的部分设置未能恢复</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 opened, except:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;%2&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;已打开 %1，但以下除外：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;%2&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Diffusion Lab sessions (*.%1);;All files (*)</source>
        <translation>Diffusion Lab 会话 (*.%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved the session %1</source>
        <translation>已保存会话 %1</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Diffusion Lab sessions (*.%1)</source>
        <translation>Diffusion Lab 会话 (*.%1)</translation>
    </message>
    <message>
        <source>L&amp;ecture mode</source>
        <translation>授课模式(&amp;E)</translation>
    </message>
    <message>
        <source>Larger text, lines and markers, the tab&apos;s equation with its numbers, and slide keys (space: play/pause; ←/→: step)</source>
        <translation>更大的文字、线条和标记，标签页的方程及其数值，以及幻灯片按键（空格：播放/暂停；←/→：单步）</translation>
    </message>
    <message>
        <source>Could not load %1: see the Dataset tab.</source>
        <translation>无法加载 %1：请查看“数据集”标签页。</translation>
    </message>
</context>
<context>
    <name>MarginalPlots</name>
    <message>
        <source>mean of xₜ</source>
        <translation>xₜ 的均值</translation>
    </message>
    <message>
        <source>expected mean √ᾱₜ·mean(x₀)</source>
        <translation>期望均值 √ᾱₜ·均值(x₀)</translation>
    </message>
    <message>
        <source>std of xₜ</source>
        <translation>xₜ 的标准差</translation>
    </message>
    <message>
        <source>expected std √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)</source>
        <translation>期望标准差 √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)</translation>
    </message>
    <message>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <source>histogram of xₜ</source>
        <translation>xₜ 的直方图</translation>
    </message>
    <message>
        <source>N(0, 1) density</source>
        <translation>N(0, 1) 密度</translation>
    </message>
    <message>
        <source>value of x_t</source>
        <translation>x_t 的值</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Mean and standard deviation of x_t over all pixels / coordinates of the batch, against their closed forms</source>
        <translation>批次中 x_t 在所有像素/坐标上的均值和标准差，与其闭式解对比</translation>
    </message>
</context>
<context>
    <name>ModelOpener</name>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>unknown error while opening %1</source>
        <translation>打开 %1 时发生未知错误</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Pin to this view</source>
        <translation>固定在此视图</translation>
    </message>
    <message>
        <source>Keep this view&apos;s model when another view or a finished training run changes the current model; choices made here then stay here</source>
        <translation>当其他视图或已完成的训练更改当前模型时，保留此视图的模型；在此处所做的选择只在此处生效</translation>
    </message>
    <message>
        <source>Use the Schedule lab&apos;s schedule</source>
        <translation>使用调度实验室的噪声调度</translation>
    </message>
    <message>
        <source>Ask the model at the noise level (log-SNR) of each of the lab&apos;s steps instead of its own schedule&apos;s; levels noisier than it was trained at are extrapolated</source>
        <translation>在实验室每一步的噪声水平（log-SNR）上查询模型，而不是使用其自身调度的噪声水平；比训练时噪声更大的水平将被外推</translation>
    </message>
    <message>
        <source>Not opened: %1</source>
        <translation>未打开：%1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <source>Sampled along the Schedule lab&apos;s schedule (%1) by matching log-SNR; trained on %2.</source>
        <translation>通过匹配 log-SNR，沿调度实验室的噪声调度（%1）采样；训练于 %2。</translation>
    </message>
    <message>
        <source>Data: %1 (from the model file).</source>
        <translation>数据：%1（来自模型文件）。</translation>
    </message>
    <message>
        <source>Exact under the Schedule lab&apos;s schedule (%1).</source>
        <translation>在调度实验室的噪声调度（%1）下精确。</translation>
    </message>
    <message>
        <source>Schedule: its own, %1 (the same as the Schedule lab&apos;s).</source>
        <translation>噪声调度：使用自身的 %1（与调度实验室相同）。</translation>
    </message>
    <message>
        <source>Schedule: its own, %1; the Schedule lab shows %2, which this model does not use.</source>
        <translation>噪声调度：使用自身的 %1；调度实验室显示的是 %2，此模型并不使用它。</translation>
    </message>
    <message>
        <source>Pinned: the other views use %1.</source>
        <translation>已固定：其他视图使用 %1。</translation>
    </message>
    <message>
        <source>Sampling starts at σ_VE = %1 (t = %2 of %3)</source>
        <translation>采样从 σ_VE = %1 开始（t = %2，共 %3）</translation>
    </message>
    <message>
        <source>Warning: an ε-prediction model on a zero-terminal-SNR schedule cannot predict x₀ at t = T (Lin et al. 2024, §3.3). %1. Train with v-prediction to sample from t = T.</source>
        <translation>警告：在终端信噪比为零的调度上，ε 预测模型无法在 t = T 预测 x₀（Lin et al. 2024，§3.3）。%1。请用 v 预测训练，才能从 t = T 开始采样。</translation>
    </message>
    <message>
        <source>%1: an ε-prediction model&apos;s x₀ = (x − σ ε)/α would multiply its error by σ_VE(T) = %2 at t = T.</source>
        <translation>%1：在 t = T，x₀ = (x − σ ε)/α 会把 ε 预测模型的误差放大 σ_VE(T) = %2 倍。</translation>
    </message>
</context>
<context>
    <name>ModelSourceBox</name>
    <message>
        <source>Shipped model (%1): %2</source>
        <translation>内置模型（%1）：%2</translation>
    </message>
    <message>
        <source>The exact denoiser of this Gaussian mixture: no training error</source>
        <translation>此高斯混合的精确去噪器：没有训练误差</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a checkpoint, a model from PyTorch (safetensors, torch.save, TorchScript), a diffusers UNet2DModel (choose its config.json) or a Gaussian-mixture JSON file</source>
        <translation>打开检查点、PyTorch 模型（safetensors、torch.save、TorchScript）、diffusers UNet2DModel（选择其 config.json）或高斯混合 JSON 文件</translation>
    </message>
    <message>
        <source>Exact mixture: %1</source>
        <translation>精确混合：%1</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;All files (*)</source>
        <translation>模型 (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>OdeLabView</name>
    <message>
        <source>Solver and samples</source>
        <translation>求解器与样本</translation>
    </message>
    <message>
        <source>Spacing of the inversion grid; the default pair (%1, %2) measured best at 50 steps</source>
        <translation>反演网格的步间隔；默认组合（%1, %2）在 50 步时测得最佳</translation>
    </message>
    <message>
        <source>Solver</source>
        <translation>求解器</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>步间隔</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Inversion</source>
        <translation>反演</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>似然</translation>
    </message>
    <message>
        <source>Variational bound</source>
        <translation>变分界</translation>
    </message>
    <message>
        <source>Editing (SDEdit)</source>
        <translation>编辑（SDEdit）</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>%1 finished in %2 s.</source>
        <translation>%1 已完成，用时 %2 秒。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>unconditional</source>
        <translation>无条件</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>The run was stopped: the model changed. Run again for the new model.</source>
        <translation>运行已停止：模型已更换。请为新模型重新运行。</translation>
    </message>
    <message>
        <source>Exact inversion: each encoding step is iterated (fixed point, Pan et al. 2023, up to 4 times) so that the decoding step undoes it; the round trip&apos;s error then follows the residual left rather than the solver&apos;s discretisation error (far below it where the iterations converge; at few steps on narrow data they may not, and the plain walk can be better). Costs about 5 times the encoding&apos;s network evaluations; one-step solvers only (DDIM, Euler, Heun, DPM-2). The error curve always walks the plain grid: untick to see the round trip it measures.</source>
        <translation>精确反演：每个编码步都经过迭代（不动点，Pan 等 2023，最多 4 次），使解码步能将其撤销；往返误差因此取决于剩余残差，而非求解器的离散化误差（迭代收敛时远低于后者；在窄数据上步数很少时可能不收敛，此时普通行进可能更好）。编码的网络评估次数约为 5 倍；仅适用于单步求解器（DDIM、Euler、Heun、DPM-2）。误差曲线始终沿普通网格行进：取消勾选即可看到它所测量的往返。</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The likelihood integrates the ODE adaptively (RK45, Dormand–Prince, to its tolerance): Solver, Spacing and Steps don&apos;t apply.</source>
        <translation>似然以自适应方式积分 ODE（RK45，Dormand–Prince，按其容差）：求解器、步间隔和步数不适用。</translation>
    </message>
    <message>
        <source>The bound sums one term per timestep t = 1…T: Solver, Spacing and Steps don&apos;t apply.</source>
        <translation>变分界对每个时间步 t = 1…T 求和一项：求解器、步间隔和步数不适用。</translation>
    </message>
    <message>
        <source>Editing denoises with its own sampler and class (below) on a trailing grid that starts at t₀: Solver, Spacing and Class don&apos;t apply.</source>
        <translation>编辑使用其自己的采样器和类别（见下方），在从 t₀ 开始的 trailing 网格上去噪：求解器、步间隔和类别不适用。</translation>
    </message>
    <message>
        <source>Interpolation decodes with Solver, Spacing and Steps; its seeds and classes are its own (below).</source>
        <translation>插值使用求解器、步间隔和步数解码；其种子和类别是自己的（见下方）。</translation>
    </message>
    <message>
        <source>RK45 chooses its own steps to its tolerance: Steps doesn&apos;t apply.</source>
        <translation>RK45 按其容差自行选择步长：步数不适用。</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>Rewind to the first step</source>
        <translation>回到第一步</translation>
    </message>
    <message>
        <source>One step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>One step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>PlotViewBar</name>
    <message>
        <source>Fit to data</source>
        <translation>适配数据</translation>
    </message>
    <message>
        <source>Frame the data (grey); drag to pan, use the wheel to zoom</source>
        <translation>将数据（灰色）置于视图中；拖动以平移，滚轮缩放</translation>
    </message>
    <message>
        <source>Fit to samples</source>
        <translation>适配样本</translation>
    </message>
    <message>
        <source>Frame 99 % of the samples on each axis</source>
        <translation>在每个轴上容纳 99 % 的样本</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 samples outside the view</source>
        <translation>
            <numerusform>%1 个样本中有 %n 个在视图外</numerusform>
        </translation>
    </message>
    <message>
        <source> (beyond 99 % of the samples)</source>
        <translation> (超出 99 % 样本的范围)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The file does not name its data set: model samples stand in for data.</source>
        <translation>文件未指明其数据集：以模型样本代替数据。</translation>
    </message>
    <message>
        <source>The model&apos;s data set %1 has samples of another shape than the model&apos;s; model samples stand in for data.</source>
        <translation>模型的数据集 %1 中样本的形状与模型不同；以模型样本代替数据。</translation>
    </message>
    <message>
        <source>The model&apos;s data set could not be loaded (%1): model samples stand in for data.</source>
        <translation>无法加载模型的数据集（%1）：以模型样本代替数据。</translation>
    </message>
    <message>
        <source>β table</source>
        <translation>β 表</translation>
    </message>
    <message>
        <source>, zero terminal SNR</source>
        <translation>，终端 SNR 为零</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>The animation was not written: %1</source>
        <translation>动画未写入：%1</translation>
    </message>
    <message>
        <source>There is nothing to animate yet: wait until the chain has been computed.</source>
        <translation>还没有可制作动画的内容：请等待链计算完成。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save this plot as PNG, PDF or SVG</source>
        <translation>将此图表保存为 PNG、PDF 或 SVG</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>导出图像…</translation>
    </message>
    <message>
        <source>Save this picture as PNG</source>
        <translation>将此图像保存为 PNG</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: a plot is written as .png, .pdf or .svg.</source>
        <translation>无法导出到“%1”：图表只能写为 .png、.pdf 或 .svg。</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: the plot could not be drawn.</source>
        <translation>无法导出到“%1”：无法绘制该图表。</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: a picture is written as .png.</source>
        <translation>无法导出到“%1”：图像只能写为 .png。</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: there is no picture yet.</source>
        <translation>无法导出到“%1”：尚无图像。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>This view shows no plot or picture to export yet.</source>
        <translation>此视图尚无可导出的图表或图像。</translation>
    </message>
</context>
<context>
    <name>SampleDisplay</name>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本</translation>
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
        <translation>散布（一维数据）</translation>
    </message>
</context>
<context>
    <name>SampleGridWidget</name>
    <message>
        <source>Samples appear here while training runs.</source>
        <translation>训练运行时，样本会显示在这里。</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>samples (EMA)</source>
        <translation>样本（EMA）</translation>
    </message>
</context>
<context>
    <name>SamplerComparisonView</name>
    <message>
        <source>Cannot open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <source>Save optimised steps</source>
        <translation>保存优化的时间步</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>%v / %m runs</source>
        <translation>%v / %m 次运行</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n result(s).</source>
        <translation>
            <numerusform>完成：%n 个结果。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Samplers</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Step counts, separated by commas</source>
        <translation>步数，以逗号分隔</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Energy distance</source>
        <translation>能量距离</translation>
    </message>
    <message>
        <source>Sliced Wasserstein W₂</source>
        <translation>切片 Wasserstein W₂</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>recommended per sampler</source>
        <translation>各采样器的推荐值</translation>
    </message>
    <message>
        <source>Each sampler&apos;s recommended spacing (measured on the exact mixtures, docs/samplers.md), or one spacing for all</source>
        <translation>每个采样器的推荐步间隔（在精确混合模型上测得，docs/samplers.md），或所有采样器使用同一种</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>步间隔</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>Choose at least one sampler and one step count.</source>
        <translation>请至少选择一个采样器和一个步数。</translation>
    </message>
    <message>
        <source>%1 at %2 steps: %3</source>
        <translation>%1，%2 步：%3</translation>
    </message>
    <message>
        <source>%1 (optimised)</source>
        <translation>%1（已优化）</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
    <message>
        <source>Running %1 samplers × %2 step counts…</source>
        <translation>正在运行 %1 个采样器 × %2 种步数…</translation>
    </message>
    <message>
        <source>Running (no 2-D data to measure against: results only)…</source>
        <translation>正在运行（没有可对比的二维数据：仅给出结果）…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>NFE %1, %2 s</source>
        <translation>NFE %1，%2 秒</translation>
    </message>
    <message>
        <source>, distance %1</source>
        <translation>，距离 %1</translation>
    </message>
    <message>
        <source>Check a deterministic sampler (DDIM with η = 0 is not one here; e.g. DPM-Solver++(2M) or UniPC): optimised steps follow the ODE.</source>
        <translation>请勾选一个确定性采样器（此处 η = 0 的 DDIM 不算；例如 DPM-Solver++(2M) 或 UniPC）：优化的时间步沿 ODE 求得。</translation>
    </message>
    <message>
        <source>The optimised steps were for the previous model or schedule: optimise again.</source>
        <translation>优化的时间步属于之前的模型或噪声调度：请重新优化。</translation>
    </message>
    <message>
        <source>Saved the optimised steps to %1.</source>
        <translation>已将优化的时间步保存到 %1。</translation>
    </message>
    <message>
        <source>The run was stopped: the model changed. Run again for the new model.</source>
        <translation>运行已停止：模型已更换。请为新模型重新运行。</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n result(s), samples only: no 2-D data to measure distances against.</source>
        <translation>
            <numerusform>完成：%n 个结果，仅有样本：没有可用于测量距离的二维数据。</numerusform>
        </translation>
    </message>
    <message>
        <source>no distances yet</source>
        <translation>尚无距离</translation>
    </message>
</context>
<context>
    <name>SamplerOptionsForm</name>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Number of sampling steps N, independent of the training steps T</source>
        <translation>采样步数 N，与训练步数 T 无关</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Spacing</source>
        <translation>步间隔</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>custom (%1 steps)</source>
        <translation>自定义（%1 步）</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (推荐)</translation>
    </message>
    <message>
        <source>Karras ρ</source>
        <translation>Karras ρ</translation>
    </message>
    <message>
        <source>σ_max cap</source>
        <translation>σ_max 上限</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>Langevin step ε</source>
        <translation>朗之万步长 ε</translation>
    </message>
    <message>
        <source>Steps per level</source>
        <translation>每级步数</translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation>预测器</translation>
    </message>
    <message>
        <source>Corrector steps</source>
        <translation>校正步数</translation>
    </message>
    <message>
        <source>Target SNR</source>
        <translation>目标信噪比</translation>
    </message>
    <message>
        <source>Lower order at the end</source>
        <translation>末尾降阶</translation>
    </message>
    <message>
        <source>Restart σ_min</source>
        <translation>重启 σ_min</translation>
    </message>
    <message>
        <source>Restart σ_max</source>
        <translation>重启 σ_max</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>Restart steps</source>
        <translation>重启步数</translation>
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
        <translation>控制点</translation>
    </message>
</context>
<context>
    <name>ScheduleControls</name>
    <message>
        <source>Choose a preset…</source>
        <translation>选择预设…</translation>
    </message>
    <message>
        <source>DDPM: linear 10⁻⁴…0.02 (Ho et al. 2020)</source>
        <translation>DDPM：线性 10⁻⁴…0.02（Ho et al. 2020）</translation>
    </message>
    <message>
        <source>Stable Diffusion: scaled-linear 0.00085…0.012</source>
        <translation>Stable Diffusion：缩放线性 0.00085…0.012</translation>
    </message>
    <message>
        <source>Improved DDPM: cosine (Nichol &amp; Dhariwal 2021)</source>
        <translation>Improved DDPM：余弦（Nichol &amp; Dhariwal 2021）</translation>
    </message>
    <message>
        <source>Stable Diffusion + zero terminal SNR (Lin et al. 2024)</source>
        <translation>Stable Diffusion + 终端 SNR 为零（Lin et al. 2024）</translation>
    </message>
    <message>
        <source>Fills in the parameters of a published schedule</source>
        <translation>填入一个已发表的噪声调度的参数</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Scaled linear</source>
        <translation>缩放线性</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Custom (log-SNR points)</source>
        <translation>自定义（log-SNR 控制点）</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number of training steps T</source>
        <translation>训练步数 T</translation>
    </message>
    <message>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <source>β at t = 1</source>
        <translation>t = 1 时的 β</translation>
    </message>
    <message>
        <source>β start</source>
        <translation>β 起始值</translation>
    </message>
    <message>
        <source>β at t = T</source>
        <translation>t = T 时的 β</translation>
    </message>
    <message>
        <source>β end</source>
        <translation>β 终止值</translation>
    </message>
    <message>
        <source>Offset s of the cosine schedule (Nichol &amp; Dhariwal 2021, eq. 17)</source>
        <translation>余弦调度的偏移 s（Nichol &amp; Dhariwal 2021，式 17）</translation>
    </message>
    <message>
        <source>Cosine offset s</source>
        <translation>余弦偏移 s</translation>
    </message>
    <message>
        <source>The cosine schedule clips β_t at this value</source>
        <translation>余弦调度将 β_t 截断到此值</translation>
    </message>
    <message>
        <source>Max β</source>
        <translation>最大 β</translation>
    </message>
    <message>
        <source>Zero terminal SNR</source>
        <translation>终端 SNR 为零</translation>
    </message>
    <message>
        <source>Rescale √ᾱ_t so that ᾱ_T = 0: the model is trained on pure noise at t = T (Lin et al. 2024)</source>
        <translation>重新缩放 √ᾱ_t 使 ᾱ_T = 0：模型在 t = T 时以纯噪声训练（Lin et al. 2024）</translation>
    </message>
    <message>
        <source>Drag the points on the log-SNR plot. Double-click adds a point, right-click removes one.</source>
        <translation>在 log-SNR 图上拖动这些点。双击添加一个点，右键删除一个点。</translation>
    </message>
    <message>
        <source>Reset points</source>
        <translation>重置控制点</translation>
    </message>
    <message>
        <source>Place control points on the schedule last shown</source>
        <translation>将控制点放到最近显示的调度上</translation>
    </message>
    <message numerus="yes">
        <source>Custom table with %n value(s), loaded from a file.</source>
        <translation>
            <numerusform>自定义表格，含 %n 个值，从文件加载。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScheduleLabView</name>
    <message>
        <source>Schedule (A, solid)</source>
        <translation>噪声调度（A，实线）</translation>
    </message>
    <message>
        <source>Compare with… (B, dashed)</source>
        <translation>与…比较（B，虚线）</translation>
    </message>
    <message>
        <source>Freeze current as B</source>
        <translation>将当前调度冻结为 B</translation>
    </message>
    <message>
        <source>Copy schedule A into B, then change A to compare</source>
        <translation>将调度 A 复制到 B，然后修改 A 进行比较</translation>
    </message>
    <message>
        <source>β_t: variance of the noise added at step t</source>
        <translation>β_t：第 t 步加入的噪声的方差</translation>
    </message>
    <message>
        <source>β_t</source>
        <translation>β_t</translation>
    </message>
    <message>
        <source>ᾱ_t: fraction of the signal&apos;s variance left</source>
        <translation>ᾱ_t：信号方差的剩余比例</translation>
    </message>
    <message>
        <source>ᾱ_t</source>
        <translation>ᾱ_t</translation>
    </message>
    <message>
        <source>Log-SNR λ_t = log(ᾱ_t / (1 − ᾱ_t))</source>
        <translation>对数信噪比 λ_t = log(ᾱ_t / (1 − ᾱ_t))</translation>
    </message>
    <message>
        <source>λ_t</source>
        <translation>λ_t</translation>
    </message>
    <message>
        <source>Noise level √(1 − ᾱ_t) and σ_t = √((1 − ᾱ_t) / ᾱ_t)</source>
        <translation>噪声水平 √(1 − ᾱ_t) 与 σ_t = √((1 − ᾱ_t) / ᾱ_t)</translation>
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
        <translation>σ_t（对数刻度）</translation>
    </message>
    <message>
        <source>Invalid schedule: %1. The plots show the last valid schedule.</source>
        <translation>无效的噪声调度：%1。图中显示的是最后一个有效的调度。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The terminal SNR is far from zero:&lt;/b&gt; ᾱ_T = %1, so x_T still keeps %2 % of the image&apos;s amplitude (√ᾱ_T). The model never sees pure noise in training, yet sampling starts from pure noise; such models cannot make very bright or very dark images (Lin et al. 2024, “Common Diffusion Noise Schedules and Sample Steps are Flawed”). Tick &lt;i&gt;Zero terminal SNR&lt;/i&gt; to rescale.</source>
        <translation>&lt;b&gt;终端 SNR 远不为零：&lt;/b&gt;ᾱ_T = %1，因此 x_T 仍保留图像幅度的 %2 %（√ᾱ_T）。模型在训练中从未见过纯噪声，而采样却从纯噪声开始；这样的模型无法生成非常亮或非常暗的图像（Lin et al. 2024，“Common Diffusion Noise Schedules and Sample Steps are Flawed”）。勾选&lt;i&gt;终端 SNR 为零&lt;/i&gt;以重新缩放。</translation>
    </message>
    <message>
        <source>T = %1 · ᾱ_T = %2 · λ from %3 to %4</source>
        <translation>T = %1 · ᾱ_T = %2 · λ 从 %3 到 %4</translation>
    </message>
    <message>
        <source>Invalid schedule: %1</source>
        <translation>无效的噪声调度：%1</translation>
    </message>
</context>
<context>
    <name>SchedulePlot</name>
    <message>
        <source>training step t</source>
        <translation>训练步 t</translation>
    </message>
    <message>
        <source>sampler&apos;s steps</source>
        <translation>采样器的步</translation>
    </message>
    <message>
        <source>%1 — A: %2</source>
        <translation>%1 — A：%2</translation>
    </message>
    <message>
        <source>%1 — B: %2</source>
        <translation>%1 — B：%2</translation>
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
        <translation>DSM 网络</translation>
    </message>
    <message>
        <source>the SSM network</source>
        <translation>SSM 网络</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>该模型</translation>
    </message>
    <message>
        <source>the exact score</source>
        <translation>精确分数</translation>
    </message>
    <message>
        <source>t = %1: σ/α = %2.</source>
        <translation>t = %1：σ/α = %2。</translation>
    </message>
    <message>
        <source> Red: %1, black: exact. Error weighted by p_t: %2 relative (unweighted mean %3): scores are learned only where the data are.</source>
        <translation> 红色：%1，黑色：精确值。按 p_t 加权的误差：相对 %2（未加权均值 %3）：分数只在有数据的地方才能学到。</translation>
    </message>
    <message>
        <source> Heat: log₁₀ ‖s_θ − s*‖².</source>
        <translation> 热力图：log₁₀ ‖s_θ − s*‖²。</translation>
    </message>
    <message>
        <source> Choose a network under Arrows to see its error.</source>
        <translation> 在“箭头”中选择一个网络以查看其误差。</translation>
    </message>
    <message>
        <source> Heat: log p_t of %1 by the probability-flow ODE.</source>
        <translation> 热力图：由概率流 ODE 得到的 %1 的 log p_t。</translation>
    </message>
    <message>
        <source> Heat: exact log p_t.</source>
        <translation> 热力图：精确的 log p_t。</translation>
    </message>
    <message>
        <source> Black: the exact score; %1 is not available.</source>
        <translation> 黑色：精确 score；%1 不可用。</translation>
    </message>
    <message>
        <source>the exact mixture</source>
        <translation>精确混合模型</translation>
    </message>
    <message>
        <source>log p_t (ODE)</source>
        <translation>log p_t（ODE）</translation>
    </message>
    <message>
        <source>exact log p_t</source>
        <translation>精确 log p_t</translation>
    </message>
</context>
<context>
    <name>ScoreLabPlots</name>
    <message>
        <source>exact score</source>
        <translation>精确分数</translation>
    </message>
    <message>
        <source>learned score</source>
        <translation>学到的分数</translation>
    </message>
    <message>
        <source>particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <source>true weight</source>
        <translation>真实权重</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>DSM loss</source>
        <translation>DSM 损失</translation>
    </message>
    <message>
        <source>SSM loss + 1</source>
        <translation>SSM 损失 + 1</translation>
    </message>
    <message>
        <source>DSM field error</source>
        <translation>DSM 场误差</translation>
    </message>
    <message>
        <source>SSM field error</source>
        <translation>SSM 场误差</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>Field error E‖s_θ − s*‖² / E‖s*‖² over the grid, averaged over t</source>
        <translation>场误差 E‖s_θ − s*‖² / E‖s*‖²（网格上，对 t 取平均）</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>start region (drag to move)</source>
        <translation>起始区域（拖动以移动）</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Fraction of the particles per mode, beside the mixture&apos;s true weights</source>
        <translation>每个模式中粒子的比例，与混合分布的真实权重并列</translation>
    </message>
</context>
<context>
    <name>ScoreLabSettings</name>
    <message>
        <source>Score field</source>
        <translation>分数场</translation>
    </message>
    <message>
        <source>mixture: %1</source>
        <translation>混合：%1</translation>
    </message>
    <message>
        <source>two moons (data points)</source>
        <translation>双月（数据点）</translation>
    </message>
    <message>
        <source>swiss roll (data points)</source>
        <translation>瑞士卷（数据点）</translation>
    </message>
    <message>
        <source>checkerboard (data points)</source>
        <translation>棋盘格（数据点）</translation>
    </message>
    <message>
        <source>A mixture&apos;s score is exact. For data that are not a mixture the reference is the exact score of 4000 further points drawn from the same recipe (Karras et al. 2022&apos;s ideal denoiser).</source>
        <translation>混合分布的分数是精确的。对于不是混合分布的数据，参考为按同一方法另取的 4000 个点的精确分数（Karras 等人 2022 的理想去噪器）。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Time t</source>
        <translation>时间 t</translation>
    </message>
    <message>
        <source>exact score</source>
        <translation>精确分数</translation>
    </message>
    <message>
        <source>DSM network against exact</source>
        <translation>DSM 网络与精确值对比</translation>
    </message>
    <message>
        <source>SSM network against exact</source>
        <translation>SSM 网络与精确值对比</translation>
    </message>
    <message>
        <source>the model (below) against exact</source>
        <translation>模型（下方）对比精确值</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>log p_t (exact)</source>
        <translation>log p_t（精确）</translation>
    </message>
    <message>
        <source>error ‖s_θ − s*‖²</source>
        <translation>误差 ‖s_θ − s*‖²</translation>
    </message>
    <message>
        <source>log p_t of the arrows&apos; model (ODE)</source>
        <translation>箭头所示模型的 log p_t（ODE）</translation>
    </message>
    <message>
        <source>The model&apos;s own density comes from the probability-flow ODE likelihood (exact divergence), computed on the worker.</source>
        <translation>模型自身的密度来自概率流 ODE 的似然（精确散度），在后台计算。</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Langevin dynamics</source>
        <translation>朗之万动力学</translation>
    </message>
    <message>
        <source>DSM network</source>
        <translation>DSM 网络</translation>
    </message>
    <message>
        <source>SSM network</source>
        <translation>SSM 网络</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>该模型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Annealed (Song &amp;&amp; Ermon 2019)</source>
        <translation>退火（Song &amp;&amp; Ermon 2019）</translation>
    </message>
    <message>
        <source>Particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <source>x ← x + δ ∇log p(x) + √(2δ) z</source>
        <translation>x ← x + δ ∇log p(x) + √(2δ) z</translation>
    </message>
    <message>
        <source>Step δ</source>
        <translation>步长 δ</translation>
    </message>
    <message>
        <source>Annealed: the step at level i is δ_i = r σ_i²</source>
        <translation>退火：第 i 级的步长为 δ_i = r σ_i²</translation>
    </message>
    <message>
        <source>Step ratio r</source>
        <translation>步长比 r</translation>
    </message>
    <message>
        <source>Steps (per level)</source>
        <translation>步数（每级）</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>级数</translation>
    </message>
    <message>
        <source>Largest σ</source>
        <translation>最大 σ</translation>
    </message>
    <message>
        <source>Drag on the plot to choose where the particles start.</source>
        <translation>在图上拖动以选择粒子的起始位置。</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Score matching: DSM against SSM</source>
        <translation>分数匹配：DSM 对比 SSM</translation>
    </message>
    <message>
        <source>ε (noise)</source>
        <translation>ε（噪声）</translation>
    </message>
    <message>
        <source>x₀ (clean data)</source>
        <translation>x₀（干净数据）</translation>
    </message>
    <message>
        <source>v (velocity)</source>
        <translation>v（速度）</translation>
    </message>
    <message>
        <source>DSM predicts</source>
        <translation>DSM 预测</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Both networks start from the same weights and see the same batches. The SSM network needs no noise target, only a Jacobian–vector product.</source>
        <translation>两个网络从相同的权重出发，看到相同的批次。SSM 网络不需要噪声目标，只需要雅可比–向量积。</translation>
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
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Run particles</source>
        <translation>运行粒子</translation>
    </message>
    <message>
        <source>Train both</source>
        <translation>训练两者</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Cannot use this data set: %1</source>
        <translation>无法使用此数据集：%1</translation>
    </message>
    <message>
        <source>Train the networks first (Score matching ▸ Train both); showing the exact score.</source>
        <translation>请先训练网络（分数匹配 ▸ 训练两者）；当前显示精确分数。</translation>
    </message>
    <message>
        <source>Train the networks first (Score matching ▸ Train both), or run on the exact score.</source>
        <translation>请先训练网络（分数匹配 ▸ 训练两者），或使用精确分数运行。</translation>
    </message>
    <message>
        <source>Langevin particles…</source>
        <translation>朗之万粒子…</translation>
    </message>
    <message>
        <source>Particles done: the bars show where they ended, the grey ones the true weights.</source>
        <translation>粒子运行完成：柱形显示粒子最终所在的位置，灰色柱形为真实权重。</translation>
    </message>
    <message>
        <source>%1 frames of %2 particles</source>
        <translation>%1 帧，每帧 %2 个粒子</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Training DSM and SSM…</source>
        <translation>正在训练 DSM 和 SSM…</translation>
    </message>
    <message>
        <source>Trained %1 steps. Field error (relative, mean over t): DSM %2, SSM %3.</source>
        <translation>已训练 %1 步。场误差（相对值，对 t 取平均）：DSM %2，SSM %3。</translation>
    </message>
    <message>
        <source>%1 is not a 2-D model: the score lab needs a model of points (a two-moons or mixture checkpoint, or a mixture).</source>
        <translation>%1 不是二维模型：分数实验室需要点的模型（双月或混合分布的检查点，或一个混合分布）。</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>Not a model of points in the plane: the score lab draws 2-D fields</source>
        <translation>不是平面点的模型：分数实验室绘制二维场</translation>
    </message>
    <message>
        <source> The model was trained on %1, the reference is %2: the error includes the difference between the two data sets.</source>
        <translation> 该模型在 %1 上训练，参考为 %2：误差也包含两个数据集之间的差异。</translation>
    </message>
    <message>
        <source>The particles followed the previous model: run them again for this one.</source>
        <translation>这些粒子遵循的是之前的模型：请为当前模型重新运行。</translation>
    </message>
    <message>
        <source>Drawing the field of %1…</source>
        <translation>正在绘制 %1 的场…</translation>
    </message>
</context>
<context>
    <name>StepOptimiserPanel</name>
    <message>
        <source>Optimised steps</source>
        <translation>优化步数</translation>
    </message>
    <message>
        <source>Steps of the grid to optimise, for the first checked deterministic sampler</source>
        <translation>要优化的网格步数，用于第一个勾选的确定性采样器</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Optimise steps</source>
        <translation>优化时间步</translation>
    </message>
    <message>
        <source>Search t_1 &gt; … &gt; t_{N−1} so that the sampler&apos;s samples come closest to the RK45 solution of the probability-flow ODE (Sabour et al. 2024; Chen et al. 2024)</source>
        <translation>搜索 t_1 &gt; … &gt; t_{N−1}，使采样器的样本最接近概率流 ODE 的 RK45 解（Sabour et al. 2024；Chen et al. 2024）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the optimised grid as JSON (difflab-cli sample --timesteps-file)</source>
        <translation>将优化后的网格保存为 JSON（difflab-cli sample --timesteps-file）</translation>
    </message>
    <message>
        <source>Optimising failed: %1</source>
        <translation>优化失败：%1</translation>
    </message>
    <message>
        <source>Stop optimising</source>
        <translation>停止优化</translation>
    </message>
    <message>
        <source>Optimising %1 steps of %2…</source>
        <translation>正在为 %2 优化 %1 个时间步…</translation>
    </message>
    <message>
        <source>Optimising… %1 %, error %2</source>
        <translation>正在优化… %1 %，误差 %2</translation>
    </message>
    <message>
        <source>%1 at %2 steps: RMS distance to the exact ODE %3 with optimised steps, %4 with the best fixed spacing (%5 sampler runs). Run to compare.</source>
        <translation>%1，%2 步：到精确 ODE 的 RMS 距离，使用优化的时间步为 %3，使用最佳固定步间隔为 %4（%5 次采样器运行）。点击“运行”进行比较。</translation>
    </message>
    <message>
        <source>No optimised steps yet: press Optimise steps first.</source>
        <translation>尚无优化的时间步：请先点击“优化时间步”。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TimestepLossHeatmap</name>
    <message>
        <source>loss (unweighted)</source>
        <translation>损失（未加权）</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>t %1–%2</source>
        <translation>t %1–%2</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <source>MLP (hidden 128, 3 blocks) — points</source>
        <translation>MLP（隐藏层 128，3 个块）— 点</translation>
    </message>
    <message>
        <source>MLP large (hidden 256, 4 blocks) — points</source>
        <translation>大型 MLP（隐藏层 256，4 个块）— 点</translation>
    </message>
    <message>
        <source>DDPM U-Net small — 28–32 px images, CPU</source>
        <translation>小型 DDPM U-Net — 28–32 px 图像，CPU</translation>
    </message>
    <message>
        <source>Lecture notebook SimpleUnet (62 M) — images</source>
        <translation>课程笔记本 SimpleUnet（62 M）— 图像</translation>
    </message>
    <message>
        <source>DDPM U-Net CIFAR-10 (35.7 M) — images, GPU</source>
        <translation>DDPM U-Net CIFAR-10（35.7 M）— 图像，GPU</translation>
    </message>
    <message>
        <source>Data and network</source>
        <translation>数据与网络</translation>
    </message>
    <message>
        <source>A built-in data set or any data set spec (see docs/file-formats.md)</source>
        <translation>内置数据集或任意数据集说明（见 docs/file-formats.md）</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>class-conditional</source>
        <translation>类别条件</translation>
    </message>
    <message>
        <source>Learn a class embedding with a null class, for classifier-free guidance</source>
        <translation>学习带空类别的类别嵌入，用于无分类器引导</translation>
    </message>
    <message>
        <source>Probability of dropping the label to the null class (Ho &amp; Salimans 2022)</source>
        <translation>将标签替换为空类别的概率（Ho &amp; Salimans 2022）</translation>
    </message>
    <message>
        <source>p_uncond</source>
        <translation>p_uncond</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>noise ε</source>
        <translation>噪声 ε</translation>
    </message>
    <message>
        <source>data x₀</source>
        <translation>数据 x₀</translation>
    </message>
    <message>
        <source>velocity v</source>
        <translation>速度 v</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>L1 (lecture notebook)</source>
        <translation>L1（课程笔记本）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>none (L_simple)</source>
        <translation>无（L_simple）</translation>
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
        <translation>加权</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>π(t) ∝ 1/σ_t²</source>
        <translation>π(t) ∝ 1/σ_t²</translation>
    </message>
    <message>
        <source>from the loss history</source>
        <translation>根据损失历史</translation>
    </message>
    <message>
        <source>t sampling</source>
        <translation>t 采样</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>EMA decay</source>
        <translation>EMA 衰减</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>CUDA devices are listed when this build of LibTorch has CUDA and a GPU is present</source>
        <translation>当此 LibTorch 构建支持 CUDA 且有 GPU 时，会列出 CUDA 设备</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <source>bf16 autocast</source>
        <translation>bf16 autocast</translation>
    </message>
    <message>
        <source>bf16 autocast runs convolutions and matrix products in bfloat16 (normalisation stays fp32): faster on GPUs and on CPUs with AVX-512 BF16 or AMX, slower on other CPUs</source>
        <translation>bf16 autocast 以 bfloat16 计算卷积和矩阵乘积（归一化仍为 fp32）：在 GPU 及支持 AVX-512 BF16 或 AMX 的 CPU 上更快，在其他 CPU 上更慢</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Threads for the CPU&apos;s matrix and convolution kernels, per process</source>
        <translation>每个进程用于 CPU 矩阵和卷积内核的线程数</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <source>Data-parallel processes on this computer (PyTorch&apos;s c10d with Gloo; NCCL on GPUs). Each takes an equal share of every batch and the gradients are summed, so the run is the same as one process. This window is rank 0 and draws the plots; the others run difflab-cli. A multi-process run cannot pause.</source>
        <translation>本机上的数据并行进程（PyTorch 的 c10d，CPU 上用 Gloo，GPU 上用 NCCL）。每个进程处理每个批次的相等份额，梯度求和，因此训练结果与单进程相同。本窗口是 rank 0，负责绘图；其他进程运行 difflab-cli。多进程训练不能暂停。</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>Checkpoints and previews</source>
        <translation>检查点与预览</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose where the checkpoint is written</source>
        <translation>选择检查点的写入位置</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>only at the end / on Stop</source>
        <translation>仅在结束 / 停止时</translation>
    </message>
    <message>
        <source>Save every</source>
        <translation>保存间隔</translation>
    </message>
    <message>
        <source>new model</source>
        <translation>新模型</translation>
    </message>
    <message>
        <source>Continue from this checkpoint: its network, objective and schedule are used</source>
        <translation>从此检查点继续：使用其网络、目标和噪声调度</translation>
    </message>
    <message>
        <source>Choose a checkpoint to resume from</source>
        <translation>选择要从中恢复的检查点</translation>
    </message>
    <message>
        <source>Resume from</source>
        <translation>恢复自</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Samples every</source>
        <translation>采样间隔</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>DDIM steps (η = 0) per preview, from the same fixed noise every time</source>
        <translation>每次预览的 DDIM 步数（η = 0），每次都从同一个固定噪声开始</translation>
    </message>
    <message>
        <source>Sampling steps</source>
        <translation>采样步数</translation>
    </message>
    <message>
        <source>Every N steps, 500 samples (every class in turn, 20 DPM-Solver++(2M) steps) are compared with 500 test images: the Fréchet distance in the shipped classifier&apos;s features, plotted beside the loss with the distance between train and test images as its floor</source>
        <translation>每 N 步，将 500 个样本（依次生成每个类别，20 步 DPM-Solver++(2M)）与 500 张测试图像比较：计算内置分类器特征上的 Fréchet 距离，绘制在损失旁边，并以训练图像与测试图像之间的距离为下限</translation>
    </message>
    <message>
        <source>Fréchet distance every</source>
        <translation>Fréchet 距离间隔</translation>
    </message>
    <message>
        <source>Samples (and test images) per measurement: more is steadier and slower; the distance is biased upwards at small numbers, so compare only at equal numbers</source>
        <translation>每次测量的样本（及测试图像）数：越多越稳定，也越慢；数量较小时距离偏高，因此只在数量相同时比较</translation>
    </message>
    <message>
        <source>Fréchet samples</source>
        <translation>Fréchet 样本数</translation>
    </message>
    <message>
        <source>No classifier of this data set is installed: the Fréchet distance is off.</source>
        <translation>未安装此数据集的分类器：Fréchet 距离已关闭。</translation>
    </message>
    <message>
        <source>Measured with %1.</source>
        <translation>使用 %1 测量。</translation>
    </message>
    <message>
        <source>%1, T = %2 — set in the Schedule lab</source>
        <translation>%1，T = %2 — 在调度实验室中设置</translation>
    </message>
    <message>
        <source> (zero terminal SNR)</source>
        <translation> (终端 SNR 为零)</translation>
    </message>
    <message>
        <source>Save checkpoint as</source>
        <translation>检查点另存为</translation>
    </message>
    <message>
        <source>Diffusion Lab checkpoints (*.ckpt);;All files (*)</source>
        <translation>Diffusion Lab 检查点 (*.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Resume from checkpoint</source>
        <translation>从检查点恢复</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current step and write the checkpoint</source>
        <translation>在当前步之后停止并写入检查点</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss&lt;/b&gt;</source>
        <translation>&lt;b&gt;损失&lt;/b&gt;</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Weight w of the debiased exponential moving average, as in TensorBoard: 0 none, 0.99 heavy</source>
        <translation>去偏指数移动平均的权重 w，与 TensorBoard 相同：0 为不平滑，0.99 为强平滑</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>heatmap over steps</source>
        <translation>随步数的热力图</translation>
    </message>
    <message>
        <source>curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>&lt;b&gt;Samples from the EMA weights&lt;/b&gt; (fixed noise)</source>
        <translation>&lt;b&gt;EMA 权重生成的样本&lt;/b&gt;（固定噪声）</translation>
    </message>
    <message>
        <source>Choose a data set.</source>
        <translation>请选择一个数据集。</translation>
    </message>
    <message>
        <source>Not started: %1. Press Start again to train it anyway.</source>
        <translation>未开始：%1。再次点击“开始”可仍然进行训练。</translation>
    </message>
    <message>
        <source>Starting …</source>
        <translation>正在开始 …</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation>正在停止 …</translation>
    </message>
    <message>
        <source>%v / %m steps</source>
        <translation>%v / %m 步</translation>
    </message>
    <message>
        <source>No checkpoint was written (no path given).</source>
        <translation>未写入检查点（未指定路径）。</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>检查点：%1</translation>
    </message>
    <message>
        <source>Stopped at step %1. </source>
        <translation>已在第 %1 步停止。 </translation>
    </message>
    <message>
        <source>Finished at step %1. </source>
        <translation>已在第 %1 步完成。 </translation>
    </message>
    <message>
        <source>
The last good checkpoint stays: %1</source>
        <translation>
最后一个有效的检查点保留：%1</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>训练已停止：%1</translation>
    </message>
    <message>
        <source>loss %1 (smoothed)</source>
        <translation>损失 %1（平滑后）</translation>
    </message>
    <message>
        <source>Step %1: Fréchet distance %2 (floor %3)</source>
        <translation>第 %1 步：Fréchet 距离 %2（下限 %3）</translation>
    </message>
    <message>
        <source>, %1 % of samples of the class asked for</source>
        <translation>，%1 % 的样本属于所请求的类别</translation>
    </message>
    <message>
        <source> (measured with %1 in %2 s)</source>
        <translation> (使用 %1 测量，用时 %2 秒)</translation>
    </message>
    <message>
        <source>%1 img/s</source>
        <translation>%1 张/秒</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>GPU memory %1</source>
        <translation>GPU 显存 %1</translation>
    </message>
    <message>
        <source>RSS %1</source>
        <translation>RSS %1</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Training did not start: %1</source>
        <translation>训练未开始：%1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>(drawn at step %1; the run stopped at step %2)</source>
        <translation>（于第 %1 步生成；训练在第 %2 步停止）</translation>
    </message>
    <message>
        <source>Step 0, the untrained network</source>
        <translation>第 0 步，未训练的网络</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 — DDIM, %2 steps, drawn in %3 s</source>
        <translation>%1 — DDIM，%2 步，用时 %3 秒</translation>
    </message>
    <message>
        <source>Not started; the figures are the previous run&apos;s</source>
        <translation>未开始；图表为上一次运行的数据</translation>
    </message>
    <message>
        <source>Previous run: %1</source>
        <translation>上一次运行：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss per timestep&lt;/b&gt;</source>
        <translation>&lt;b&gt;各时间步的损失&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Which noise levels are learned late: the loss of each band of timesteps over training</source>
        <translation>哪些噪声水平学得较晚：训练过程中每个时间步区间的损失</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message>
        <source>Drawing samples at step %1 …</source>
        <translation>正在第 %1 步抽取样本 …</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Computing the features of %1 test images for the Fréchet distance …</source>
        <translation>正在为 Fréchet 距离计算 %1 张测试图像的特征 …</translation>
    </message>
    <message>
        <source>Measuring sample quality at step %1 …</source>
        <translation>正在第 %1 步测量样本质量 …</translation>
    </message>
    <message>
        <source>Paused at step %1</source>
        <translation>已在第 %1 步暂停</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1:%2, %3 parameters; %4 (%5 samples); </source>
        <translation>%1:%2，%3 个参数；%4（%5 个样本）；</translation>
    </message>
    <message>
        <source>batch %1 split over %2 processes (%3 each, %5), %4 CPU thread(s) per process, on %6</source>
        <translation>批次 %1 分到 %2 个进程（每个 %3，%5），每个进程 %4 个 CPU 线程，设备 %6</translation>
    </message>
    <message>
        <source>batch %1 on %2, %3 threads</source>
        <translation>批次 %1，设备 %2，%3 个线程</translation>
    </message>
    <message>
        <source>cannot train in several processes: difflab-cli was found neither next to this program nor on PATH (set DIFFLAB_CLI to its path)</source>
        <translation>无法多进程训练：在本程序旁边和 PATH 中都找不到 difflab-cli（请把 DIFFLAB_CLI 设为它的路径）</translation>
    </message>
    <message>
        <source>Starting %1 more processes …</source>
        <translation>正在启动另外 %1 个进程 …</translation>
    </message>
    <message>
        <source>cannot train in several processes: DIFFLAB_CLI is &apos;%1&apos;, not an executable</source>
        <translation>无法多进程训练：DIFFLAB_CLI 为 &apos;%1&apos;，不是可执行文件</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>VlbPage</name>
    <message>
        <source>Compute the bound</source>
        <translation>计算变分界</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>Total %1 nats per sample = %2 bits/dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (%7 decoder).   The largest L_{t−1} is at t = %8.</source>
        <translation>总计每个样本 %1 nats = %2 bits/dim。   L_T = %3，   Σ L_{t−1} = %4（t = 2..%5），   L₀ = %6（%7 解码器）。   最大的 L_{t−1} 位于 t = %8。</translation>
    </message>
    <message>
        <source>L_{t−1}</source>
        <translation>L_{t−1}</translation>
    </message>
    <message>
        <source>|L₀| (t = 1, negative)</source>
        <translation>|L₀|（t = 1，为负）</translation>
    </message>
    <message>
        <source>L₀ (t = 1)</source>
        <translation>L₀（t = 1）</translation>
    </message>
    <message>
        <source>L_T (prior)</source>
        <translation>L_T（先验）</translation>
    </message>
    <message>
        <source>term (nats)</source>
        <translation>项（nats）</translation>
    </message>
    <message>
        <source>Each term of the bound in nats per sample, on a log axis</source>
        <translation>变分界的每一项（每个样本的 nats），对数坐标</translation>
    </message>
</context>
<context>
    <name>WindowSession</name>
    <message>
        <source>is not an object; ignored</source>
        <translation>不是对象；已忽略</translation>
    </message>
    <message>
        <source>= %1 is not %2; the setting was left as it is</source>
        <translation>= %1 不是 %2；该设置保持不变</translation>
    </message>
    <message>
        <source>is not a string; the sampler settings were left as they are</source>
        <translation>不是字符串；采样器设置保持不变</translation>
    </message>
    <message>
        <source>could not be applied (%1)</source>
        <translation>无法应用（%1）</translation>
    </message>
    <message>
        <source>could not be read (%1); the schedule was left as it is</source>
        <translation>无法读取（%1）；调度保持不变</translation>
    </message>
    <message>
        <source>= &quot;%1&quot; is not &quot;sample&quot; or &quot;batch&quot;</source>
        <translation>= &quot;%1&quot; 不是 &quot;sample&quot; 或 &quot;batch&quot;</translation>
    </message>
    <message>
        <source>could not be read (%1)</source>
        <translation>无法读取（%1）</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>反向链</translation>
    </message>
    <message>
        <source>Compare samplers</source>
        <translation>比较采样器</translation>
    </message>
    <message>
        <source>is not a list of sampler names; left as it is</source>
        <translation>不是采样器名称列表；保持不变</translation>
    </message>
    <message>
        <source>ODE lab</source>
        <translation>ODE 实验室</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>当前模型</translation>
    </message>
</context>
<context>
    <name>odelab::ResultView</name>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>moves</source>
        <translation>位移</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本</translation>
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
