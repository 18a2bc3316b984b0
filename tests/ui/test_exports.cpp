// Exports (issue #16), offscreen: a plot written as PNG, PDF and SVG gives files that decode (Qt's PNG reader,
// Qt Svg's renderer, the PDF's own structure) at the plot's size; a picture label writes its full-size picture;
// every plot and picture of the views carries the right-click Export… action, and File ▸ Export view… finds the
// main one. Animations: the exporter writes GIF, PNG frames and MP4 with every frame (Qt's GIF reader counts
// them), cancelling leaves nothing, and the forward chain, the chain player and the ODE lab's interpolation
// describe their animations. With DIFFLAB_SCREENSHOT_DIR set, the export dialog is saved there.

// Core headers first: LibTorch's must precede Qt's.
#include "data/dataset_catalog.h"
#include "io/animation_writer.h"

#include <torch/torch.h>

#include "session/dataset_state.h"
#include "session/schedule_state.h"
#include "views/chain_player_view.h"
#include "views/forward_chain_view.h"
#include "views/ode_lab/interpolation_page.h"
#include "views/ode_lab/ode_lab_view.h"
#include "widgets/animation_export_dialog.h"
#include "widgets/plot_export.h"
#include "widgets/sampler_options_form.h"
#include "workers/animation_exporter.h"

#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QThread>
#include <QtTest>

namespace {

constexpr int kTimeoutMs = 60000;

void saveScreenshot(QWidget& w, const QString& name) {
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QVERIFY(w.grab().save(QDir(dir).filePath(name)));
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool hasAction(QWidget* w, const QString& name) {
  const auto actions = w->actions();
  return std::any_of(actions.begin(), actions.end(), [&](QAction* a) { return a->objectName() == name; });
}

// Five 64 × 48 frames of distinct colours.
AnimationSource colourSource(int count = 5, int sleepMs = 0) {
  AnimationSource s;
  s.count = count;
  s.fps = 10;
  s.name = QStringLiteral("test");
  s.frame = [sleepMs](int k) {
    if (sleepMs > 0) QThread::msleep(static_cast<unsigned long>(sleepMs));
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((k * 67) % 360, 200, 220));
    return image;
  };
  return s;
}

// Runs an export to `path`; returns the exporter's summary or an empty string on failure.
QString exportAndWait(const QString& path, const AnimationSource& source) {
  AnimationExporter exporter;
  QSignalSpy finished(&exporter, &AnimationExporter::finished);
  QSignalSpy failed(&exporter, &AnimationExporter::failed);
  exporter.start(path, source, source.fps);
  if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, kTimeoutMs)) return {};
  if (!failed.isEmpty()) qWarning() << failed.first().first().toString();
  return finished.isEmpty() ? QString() : finished.first().at(1).toString();
}

int gifFrames(const QString& path) {
  QImageReader reader(path, "gif");
  return reader.canRead() ? reader.imageCount() : -1;
}

}  // namespace

class TestExports : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void plotExportsAreValidPngPdfAndSvg();
  void pictureLabelsExportTheirFullPicture();
  void viewsCarryTheExportActions();
  void exporterWritesEveryFormat();
  void cancellingAnExportLeavesNothing();
  void dialogOffersTheFormats();
  void forwardChainAnimation();
  void chainPlayerAnimation();
  void interpolationAnimation();
};

void TestExports::plotExportsAreValidPngPdfAndSvg() {
  QCustomPlot plot;
  plot.resize(400, 300);
  QCPGraph* g = plot.addGraph();
  g->setName(QStringLiteral("√ᾱ_t"));
  for (int i = 0; i <= 50; ++i) g->addData(i, std::sin(i / 8.0));
  plot.xAxis->setLabel(QStringLiteral("t"));
  plot.legend->setVisible(true);
  plot.rescaleAxes();
  plotexport::installPlotExportMenu(&plot);
  plot.show();
  QVERIFY(QTest::qWaitForWindowExposed(&plot));

  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  // PNG at twice the plot's size, with the curve drawn (not a blank picture).
  QCOMPARE(plotexport::exportPlot(&plot, dir.filePath(QStringLiteral("p.png"))), QString());
  const QImage png(dir.filePath(QStringLiteral("p.png")));
  QCOMPARE(png.size(), QSize(800, 600));
  QVERIFY(png.convertToFormat(QImage::Format_RGB32) != QImage(png.size(), QImage::Format_RGB32));
  QSet<QRgb> colours;
  for (int x = 0; x < png.width(); x += 3) colours.insert(png.pixel(x, png.height() / 2));
  QVERIFY(colours.size() > 2);

  // SVG: Qt Svg parses it, at the plot's size.
  QCOMPARE(plotexport::exportPlot(&plot, dir.filePath(QStringLiteral("p.SVG"))), QString());
  QSvgRenderer svg(dir.filePath(QStringLiteral("p.SVG")));
  QVERIFY(svg.isValid());
  QCOMPARE(svg.viewBox().size(), QSize(400, 300));

  // PDF: one page the plot's size in points (400 × 300 pixels at the plot's DPI), complete to %%EOF.
  QCOMPARE(plotexport::exportPlot(&plot, dir.filePath(QStringLiteral("p.pdf"))), QString());
  const QByteArray pdf = readAll(dir.filePath(QStringLiteral("p.pdf")));
  QVERIFY(pdf.startsWith("%PDF-1."));
  QVERIFY(pdf.trimmed().endsWith("%%EOF"));
  QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "), qsizetype{1});
  const QRegularExpressionMatch box =
      QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]")).match(QString::fromLatin1(pdf));
  QVERIFY(box.hasMatch());
  const double dpi = plot.logicalDpiX();
  QCOMPARE(box.captured(1).toDouble(), 400 * 72.0 / dpi);
  QCOMPARE(box.captured(2).toDouble(), 300 * 72.0 / dpi);

  // Unknown formats and missing folders are refused with the path, and nothing is left behind.
  const QString jpg = plotexport::exportPlot(&plot, dir.filePath(QStringLiteral("p.jpg")));
  QVERIFY(jpg.contains(QStringLiteral("p.jpg")) && jpg.contains(QStringLiteral(".png, .pdf or .svg")));
  QVERIFY(!plotexport::exportPlot(&plot, dir.filePath(QStringLiteral("missing/p.png"))).isEmpty());
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name),
           (QStringList{QStringLiteral("p.SVG"), QStringLiteral("p.pdf"), QStringLiteral("p.png")}));
  if (const QString shots = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !shots.isEmpty()) {
    QDir().mkpath(shots);
    for (const QString suffix : {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")})
      QCOMPARE(plotexport::exportPlot(&plot, QDir(shots).filePath(QStringLiteral("exported_plot.") + suffix)),
               QString());
  }
  QCOMPARE(plot.contextMenuPolicy(), Qt::CustomContextMenu);
  QVERIFY(hasAction(&plot, QStringLiteral("exportPlot")));
}

void TestExports::pictureLabelsExportTheirFullPicture() {
  QLabel label;
  QImage picture(90, 60, QImage::Format_RGB32);
  picture.fill(QColor(10, 120, 200));
  label.setProperty("picture", picture);
  label.setPixmap(QPixmap::fromImage(picture.scaled(30, 20)));  // what is shown may be scaled down
  plotexport::installImageExportMenu(&label);
  QVERIFY(hasAction(&label, QStringLiteral("exportImage")));
  QTemporaryDir dir;
  QCOMPARE(plotexport::exportImage(plotexport::labelPicture(&label), dir.filePath(QStringLiteral("a.png"))), QString());
  const QImage back(dir.filePath(QStringLiteral("a.png")));
  QCOMPARE(back.size(), QSize(90, 60));
  QCOMPARE(back.pixelColor(45, 30), QColor(10, 120, 200));
  QVERIFY(!plotexport::exportImage(picture, dir.filePath(QStringLiteral("a.pdf"))).isEmpty());
}

void TestExports::viewsCarryTheExportActions() {
  ScheduleState schedule;
  DatasetState data;
  data.setDataset(std::make_shared<const difflab::Dataset>(difflab::load_dataset("two-moons:2000", 1)),
                  QStringLiteral("two-moons"));
  ForwardChainView view(&schedule, &data);
  view.resize(1200, 800);
  view.show();
  QVERIFY(QTest::qWaitFor([&] { return view.result() != nullptr; }, kTimeoutMs));
  for (QCustomPlot* p : {view.cloudPlot(), view.statisticsPlot(), view.histogramPlot()})
    QVERIFY(hasAction(p, QStringLiteral("exportPlot")));
  QVERIFY(hasAction(view.imageLabel(), QStringLiteral("exportImage")));
  // File ▸ Export view…: the point cloud, the largest plot of the view.
  QCOMPARE(plotexport::mainExportable(&view), static_cast<QWidget*>(view.cloudPlot()));
  view.statisticsPlot()->setProperty("mainExport", true);
  QCOMPARE(plotexport::mainExportable(&view), static_cast<QWidget*>(view.statisticsPlot()));
}

void TestExports::exporterWritesEveryFormat() {
  QTemporaryDir dir;
  const AnimationSource source = colourSource(5);
  QVERIFY(!exportAndWait(dir.filePath(QStringLiteral("a.gif")), source).isEmpty());
  QCOMPARE(gifFrames(dir.filePath(QStringLiteral("a.gif"))), 5);
  QCOMPARE(QImage(dir.filePath(QStringLiteral("a.gif"))).size(), QSize(64, 48));

  QVERIFY(!exportAndWait(dir.filePath(QStringLiteral("frames/")), source).isEmpty());
  const QStringList frames = QDir(dir.filePath(QStringLiteral("frames"))).entryList(QDir::Files, QDir::Name);
  QCOMPARE(frames.size(), 5);
  QCOMPARE(frames.first(), QStringLiteral("frame_0000.png"));
  const QImage third(dir.filePath(QStringLiteral("frames/frame_0002.png")));
  QCOMPARE(third.pixel(10, 10), QColor::fromHsv(134, 200, 220).rgb());

  const difflab::Mp4Support mp4 = difflab::mp4_support();
  if (mp4.available) {
    const QString summary = exportAndWait(dir.filePath(QStringLiteral("a.mp4")), source);
    QVERIFY(summary.contains(QString::fromStdString(mp4.codec)));
    QCOMPARE(readAll(dir.filePath(QStringLiteral("a.mp4"))).mid(4, 4), QByteArray("ftyp"));
  }
  QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(), mp4.available ? 3 : 2);
}

void TestExports::cancellingAnExportLeavesNothing() {
  QTemporaryDir dir;
  AnimationExporter exporter;
  QSignalSpy progress(&exporter, &AnimationExporter::progress);
  QSignalSpy cancelled(&exporter, &AnimationExporter::cancelled);
  exporter.start(dir.filePath(QStringLiteral("slow/")), colourSource(200, 20), 10);
  QVERIFY(QTest::qWaitFor([&] { return !progress.isEmpty(); }, kTimeoutMs));
  exporter.requestStop();
  QVERIFY(QTest::qWaitFor([&] { return !cancelled.isEmpty(); }, kTimeoutMs));
  QVERIFY(!exporter.isRunning());
  QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestExports::dialogOffersTheFormats() {
  AnimationSource source = colourSource();
  source.description = QStringLiteral("The forward chain (closed form) from t = 0 to 1000: 251 frames.");
  AnimationExportDialog dialog(source);
  const difflab::Mp4Support mp4 = difflab::mp4_support();
  QRadioButton* mp4Button = dialog.formatButton(AnimationExportDialog::Format::Mp4);
  QCOMPARE(mp4Button->isEnabled(), mp4.available);
  QVERIFY(!mp4Button->toolTip().isEmpty());  // the codec, or why MP4 is unavailable
  if (!mp4.available) QCOMPARE(mp4Button->toolTip(), QString::fromStdString(mp4.reason));
  dialog.setPath(QStringLiteral("/tmp/anim/test.gif"));
  dialog.setFormat(AnimationExportDialog::Format::PngFolder);
  QCOMPARE(dialog.path(), QStringLiteral("/tmp/anim/test/"));
  dialog.setFormat(AnimationExportDialog::Format::Mp4);
  QCOMPARE(dialog.path(), mp4.available ? QStringLiteral("/tmp/anim/test.mp4") : QStringLiteral("/tmp/anim/test/"));
  dialog.setFormat(AnimationExportDialog::Format::Gif);
  QCOMPARE(dialog.path(), QStringLiteral("/tmp/anim/test.gif"));
  QCOMPARE(dialog.fps(), 10.0);
  dialog.setPath(QStringLiteral("/home/lecturer/Videos/forward-chain.gif"));
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  saveScreenshot(dialog, QStringLiteral("export_animation_dialog.png"));
}

void TestExports::forwardChainAnimation() {
  ScheduleState schedule;  // linear, T = 1000
  DatasetState data;
  data.setDataset(std::make_shared<const difflab::Dataset>(difflab::load_dataset("two-moons:2000", 1)),
                  QStringLiteral("two-moons"));
  ForwardChainView view(&schedule, &data);
  view.resize(1200, 800);
  view.show();
  QVERIFY(!view.exportAnimationButton()->isEnabled());
  QVERIFY(QTest::qWaitFor([&] { return view.result() != nullptr && !view.isBusy(); }, kTimeoutMs));
  QVERIFY(view.exportAnimationButton()->isEnabled());
  // Play's default 100 steps/s at 25 frames/s: every 4th step, t = 0, 4, …, 996 and 1000.
  const AnimationSource source = view.animationSource();
  QCOMPARE(source.count, 251);
  QCOMPARE(source.fps, 25.0);
  const QImage first = source.frame(0), last = source.frame(source.count - 1);
  QCOMPARE(first.size(), last.size());
  QVERIFY(first != last);
  if (const QString shots = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !shots.isEmpty())
    QVERIFY(source.frame(25).save(QDir(shots).filePath(QStringLiteral("forward_chain_frame.png"))));
  QTemporaryDir dir;
  QVERIFY(!exportAndWait(dir.filePath(QStringLiteral("forward.gif")), source).isEmpty());
  QCOMPARE(gifFrames(dir.filePath(QStringLiteral("forward.gif"))), 251);
}

void TestExports::chainPlayerAnimation() {
  ScheduleState schedule;
  ChainPlayerView player(&schedule, nullptr);  // the exact 8-Gaussians mixture (empty zoo)
  player.resize(1400, 900);
  player.show();
  QSignalSpy complete(&player, &ChainPlayerView::chainComplete);
  player.batchBox()->setValue(64);
  player.samplerForm()->stepsBox()->setValue(10);
  QVERIFY(complete.wait(kTimeoutMs));
  QTRY_VERIFY(player.exportAnimationButton()->isEnabled());
  const AnimationSource source = player.animationSource();
  QCOMPARE(source.count, 11);  // x_T and 10 steps
  if (const QString shots = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !shots.isEmpty())
    QVERIFY(source.frame(6).save(QDir(shots).filePath(QStringLiteral("chain_player_frame.png"))));
  QTemporaryDir dir;
  QVERIFY(!exportAndWait(dir.filePath(QStringLiteral("reverse/")), source).isEmpty());
  QCOMPARE(QDir(dir.filePath(QStringLiteral("reverse"))).entryList(QDir::Files).size(), 11);
  QVERIFY(hasAction(player.plot(0), QStringLiteral("exportPlot")));
}

void TestExports::interpolationAnimation() {
  ScheduleState schedule;
  OdeLabView lab(&schedule, nullptr);
  lab.resize(1400, 900);
  lab.show();
  lab.batchBox()->setValue(64);
  QTRY_VERIFY_WITH_TIMEOUT(lab.model().has_value(), kTimeoutMs);
  lab.pages()->setCurrentIndex(1);
  InterpolationPage* page = lab.interpolationPage();
  QVERIFY(!page->exportAnimationButton()->isEnabled());
  page->framesBox()->setValue(5);
  lab.stepsBox()->setValue(10);
  page->run();
  QVERIFY(QTest::qWaitFor([&] { return page->report() != nullptr; }, kTimeoutMs));
  QVERIFY(page->exportAnimationButton()->isEnabled());
  const AnimationSource source = page->animationSource();
  QCOMPARE(source.count, 5);
  if (const QString shots = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !shots.isEmpty())
    QVERIFY(source.frame(2).save(QDir(shots).filePath(QStringLiteral("interpolation_frame.png"))));
  QTemporaryDir dir;
  QVERIFY(!exportAndWait(dir.filePath(QStringLiteral("interpolation.gif")), source).isEmpty());
  QCOMPARE(gifFrames(dir.filePath(QStringLiteral("interpolation.gif"))), 5);
}

QTEST_MAIN(TestExports)
#include "test_exports.moc"
