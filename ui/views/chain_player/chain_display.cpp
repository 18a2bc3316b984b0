// Core headers first: <torch/torch.h> must precede every Qt header.
#include "schedule/noise_schedule.h"

#include <torch/torch.h>

#include "views/chain_player/chain_display.h"

#include "widgets/equal_aspect.h"
#include "widgets/plot_export.h"
#include "widgets/plot_view_bar.h"
#include "widgets/point_graph.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kTrails = 48;  // particles whose whole path is drawn; more would hide the data
const QColor kOriginalColor(31, 119, 180);
const QColor kBranchColor(230, 110, 20);

}  // namespace

const SamplingFrame* PlayerChain::at(int step) const {
  const int i = step - firstStep;
  if (i < 0 || i >= static_cast<int>(frames.size())) return nullptr;
  return &frames[static_cast<size_t>(i)];
}

ChainDisplay::ChainDisplay(QWidget* parent) : QStackedWidget(parent) {
  const QString titles[3] = {tr("x_t"), tr("x̂₀ (predicted data)"), tr("ε̂ (predicted noise)")};

  auto* plots = new QWidget(this);
  auto* plotRow = new QHBoxLayout(plots);
  plotRow->setContentsMargins(0, 0, 0, 0);
  for (int c = 0; c < 3; ++c) {
    auto* p = new QCustomPlot(plots);
    p->plotLayout()->insertRow(0);
    p->plotLayout()->addElement(0, 0, new QCPTextElement(p, titles[c], QFont(font().family(), 10, QFont::Bold)));
    pointgraph::addScatter(p, QColor(200, 200, 200), 3, tr("data"));  // 0
    pointgraph::addScatter(p, kOriginalColor, 4, tr("chain"));        // 1
    pointgraph::addScatter(p, kBranchColor, 4, tr("branch"));         // 2
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plotexport::installPlotExportMenu(p);
    // One legend (on x_t) names the overlays; the branch is listed while there is one.
    p->legend->setVisible(c == 0);
    p->legend->setFont(QFont(font().family(), 8));
    p->graph(2)->removeFromLegend();
    if (c > 0) p->legend->clearItems();
    m_plots[c] = p;
    auto* column = new QVBoxLayout;
    column->addWidget(p, 1);
    // Pan, zoom, fit and the count of particles outside the view (ε̂ lives on its own ±3.5 scale).
    column->addWidget(new PlotViewBar(p, c < 2 ? p->graph(0) : nullptr, p->graph(1), plots));
    plotRow->addLayout(column);
  }
  addWidget(plots);

  auto* images = new QWidget(this);
  auto* grid = new QGridLayout(images);
  for (int c = 0; c < 3; ++c) {
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(titles[c]), images);
    title->setAlignment(Qt::AlignCenter);
    grid->addWidget(title, 0, c);
    for (int r = 0; r < 2; ++r) {
      auto* label = new QLabel(images);
      label->setAlignment(Qt::AlignCenter);
      label->setMinimumSize(160, 160);
      label->setStyleSheet(QStringLiteral("background: white;"));
      plotexport::installImageExportMenu(label);
      m_images[r][c] = label;
      // The picture follows the panel's size (refit on every resize), so its pixmap must not set the panel's size.
      label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
      label->installEventFilter(this);
      grid->addWidget(label, 2 * r + 1, c);
    }
  }
  m_branchRowTitle = new QLabel(tr("<b>Branch</b>"), images);
  m_branchRowTitle->setStyleSheet(QStringLiteral("color: #e66e14;"));
  grid->addWidget(m_branchRowTitle, 2, 0, 1, 3);
  grid->setRowStretch(1, 1);
  grid->setRowStretch(3, 1);
  addWidget(images);
}

void ChainDisplay::setModel(const SamplingModel& model) {
  setCurrentIndex(model.isPoints() ? 0 : 1);
  if (!model.isPoints()) return;
  const QRectF b = samplepictures::pointBounds(model.dataPoints);
  const double side = std::max(b.width(), b.height());
  const bool line = model.sampleShape() == std::vector<int64_t>{1};  // drawn as a strip plot (toPlane)
  for (int c = 0; c < 3; ++c) {
    QCustomPlot* p = m_plots[c];
    // Coordinates of x (x_t and x̂₀ panels) or of ε (the ε̂ panel); a 1-D model's second axis is only jitter.
    p->xAxis->setLabel(c < 2 ? (line ? QStringLiteral("x") : QStringLiteral("x₁"))
                             : (line ? QStringLiteral("ε") : QStringLiteral("ε₁")));
    p->yAxis->setLabel(line ? tr("spread (1-D data)") : c < 2 ? QStringLiteral("x₂") : QStringLiteral("ε₂"));
    // x_t and x̂₀ live where the data does; ε̂ is standard-normal-sized.
    pointgraph::setPoints(p->graph(0), c < 2 ? model.dataPoints : at::Tensor());
    const double half = c < 2 ? std::max(side / 2, 3.2) : 3.5;
    const QPointF centre = c < 2 ? b.center() : QPointF(0, 0);
    plotaspect::showEqualAspect(p, QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half));
  }
}

void ChainDisplay::setBranchInLegend(bool shown) {
  if (shown)
    m_plots[0]->graph(2)->addToLegend();
  else
    m_plots[0]->graph(2)->removeFromLegend();
}

void ChainDisplay::showStep(const SamplingModel& model, const PlayerChain& original, const PlayerChain* branch,
                            int step) {
  const PlayerChain* chains[2] = {&original, branch};
  if (model.isPoints())
    showPoints(model, chains, step);
  else
    showImages(model, chains, step);
}

void ChainDisplay::showPoints(const SamplingModel& model, const PlayerChain* chains[2], int step) {
  for (int k = 0; k < 2; ++k) {
    const SamplingFrame* f = chains[k] ? chains[k]->at(step) : nullptr;
    const at::Tensor fields[3] = {f ? toDataScale(model, f->xt) : at::Tensor(),
                                  f && f->x0.defined() ? toDataScale(model, f->x0) : at::Tensor(),
                                  f ? f->eps : at::Tensor()};
    for (int c = 0; c < 3; ++c) pointgraph::setPoints(m_plots[c]->graph(1 + k), fields[c]);

    // Trajectories of the first particles on the x_t plot, from the chain's start to the shown step.
    std::vector<QCPCurve*>& trails = m_trails[k];
    for (QCPCurve* curve : trails) m_plots[0]->removePlottable(curve);
    trails.clear();
    if (!f) continue;
    const int first = chains[k]->firstStep;
    const int64_t count = std::min<int64_t>(kTrails, f->xt.size(0));
    std::vector<at::Tensor> path;
    // A branch's path starts where the original chain was (its frames[0] is the branch point).
    for (int s = first; s <= step; ++s)
      path.push_back(samplepictures::toPlane(toDataScale(model, chains[k]->at(s)->xt.narrow(0, 0, count))));
    const at::Tensor stacked = torch::stack(path, 1).contiguous();  // [count, steps, 2], float64
    const auto a = stacked.accessor<double, 3>();
    QColor color = k == 0 ? kOriginalColor : kBranchColor;
    color.setAlpha(110);
    for (int64_t i = 0; i < count; ++i) {
      auto* curve = new QCPCurve(m_plots[0]->xAxis, m_plots[0]->yAxis);
      QVector<double> xs, ys;
      for (int64_t s = 0; s < stacked.size(1); ++s) {
        xs << a[i][s][0];
        ys << a[i][s][1];
      }
      curve->setData(xs, ys);
      curve->setPen(QPen(color, 1.0));
      curve->removeFromLegend();
      trails.push_back(curve);
    }
  }
  for (QCustomPlot* p : m_plots) p->replot(QCustomPlot::rpQueuedReplot);
}

void ChainDisplay::showImages(const SamplingModel& model, const PlayerChain* chains[2], int step) {
  const bool hasBranch = chains[1] != nullptr;
  m_branchRowTitle->setVisible(hasBranch);
  // Without a branch its row takes no room: the pictures of the chain fill the panel.
  if (auto* grid = qobject_cast<QGridLayout*>(m_images[0][0]->parentWidget()->layout()))
    grid->setRowStretch(3, hasBranch ? 1 : 0);
  for (int r = 0; r < 2; ++r) {
    const SamplingFrame* f = chains[r] ? chains[r]->at(step) : nullptr;
    for (int c = 0; c < 3; ++c) {
      QLabel* label = m_images[r][c];
      label->setVisible(r == 0 || hasBranch);
      at::Tensor picture;
      if (f) {
        if (c == 0)
          picture = toDataScale(model, f->xt);  // the model's data range: the last x_t is the sample itself
        else if (c == 1 && f->x0.defined())
          picture = toDataScale(model, f->x0);
        else if (c == 2 && f->eps.defined())
          picture = samplepictures::signedToDataScale(f->eps, 3.0);
      }
      if (!picture.defined()) {
        m_pictures[r][c] = QImage();
        label->clear();
        continue;
      }
      m_pictures[r][c] = samplepictures::imageGrid(picture);
      label->setPixmap(samplepictures::fitPixmap(m_pictures[r][c], label->size() - QSize(6, 6)));
    }
  }
}

QString ChainDisplay::stepNumbers(const difflab::NoiseSchedule& s, const PlayerChain& chain, int step) {
  const SamplingFrame* f = chain.at(step);
  if (!f) return {};
  const double u = f->t / static_cast<double>(s.timesteps());
  const double alpha = f->t <= 0 ? 1.0 : s.alpha_cont(u);
  const double alphaBar = alpha * alpha;
  QString epsNorm = QStringLiteral("–");
  if (f->eps.defined()) epsNorm = QString::number(f->eps.flatten(1).norm(2, 1).mean().item<double>(), 'g', 4);
  QString text =
      tr("step %1 / %2 &nbsp; t = %3 &nbsp; ᾱ<sub>t</sub> = %4 &nbsp; σ<sub>t</sub> = √(1−ᾱ<sub>t</sub>) = %5 "
         "&nbsp; ‖ε̂‖ = %6 &nbsp; NFE = %7")
          .arg(step)
          .arg(chain.totalSteps)
          .arg(f->t, 0, 'f', 2)
          .arg(alphaBar, 0, 'g', 4)
          .arg(std::sqrt(std::max(0.0, 1.0 - alphaBar)), 0, 'g', 4)
          .arg(epsNorm)
          .arg(f->nfe);
  // Classifier guidance's pull at this step (Dhariwal & Nichol 2021, Alg. 2).
  if (f->guidanceNorm >= 0) text += tr(" &nbsp; ‖s ∇ log p(y | x<sub>t</sub>)‖ = %1").arg(f->guidanceNorm, 0, 'g', 4);
  return text;
}

AnimationSource ChainDisplay::animation(const SamplingModel& model, const PlayerChain& chain, int fps) {
  AnimationSource source;
  if (!chain.complete || chain.frames.empty()) return source;
  std::vector<at::Tensor> xs;
  std::vector<double> ts;
  for (const SamplingFrame& f : chain.frames) {
    xs.push_back(f.xt);
    ts.push_back(f.t);
  }
  const int first = chain.firstStep, total = chain.totalSteps;
  auto caption = [first, total, ts](int k) {
    return tr("step %1 / %2, t = %3").arg(first + k).arg(total).arg(ts[static_cast<size_t>(k)], 0, 'f', 1);
  };
  // The lambdas hold a copy of the model: the export draws on its own thread.
  if (model.isPoints()) {
    // The axes the player opens with: the data and the N(0, I) start in sight.
    const QRectF b = samplepictures::pointBounds(model.dataPoints);
    const double half = std::max(std::max(b.width(), b.height()) / 2, 3.2);
    const QRectF range(b.center().x() - half, b.center().y() - half, 2 * half, 2 * half);
    source.frame = [model, xs, range, caption](int k) {
      return captionedFrame(samplepictures::scatterImage(toDataScale(model, xs[static_cast<size_t>(k)]),
                                                         model.dataPoints, range, QSize(480, 480), kOriginalColor),
                            caption(k));
    };
  } else {
    source.frame = [model, xs, caption](int k) {
      const QImage grid = samplepictures::imageGrid(toDataScale(model, xs[static_cast<size_t>(k)]));
      const int scale = std::max(1, 384 / std::max(1, std::max(grid.width(), grid.height())));
      return captionedFrame(grid.scaled(grid.size() * scale), caption(k));
    };
  }
  source.count = static_cast<int>(xs.size());
  source.fps = fps;
  source.name = QStringLiteral("reverse-chain");
  source.description =
      tr("The reverse chain of %1 (%2 steps, batch of %3): x_t from x_T to the samples, one frame per step.")
          .arg(chain.label)
          .arg(total)
          .arg(xs.front().size(0));
  return source;
}

bool ChainDisplay::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Resize)
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 3; ++c)
        if (watched == m_images[r][c] && !m_pictures[r][c].isNull())
          m_images[r][c]->setPixmap(samplepictures::fitPixmap(m_pictures[r][c], m_images[r][c]->size() - QSize(6, 6)));
  return QStackedWidget::eventFilter(watched, event);
}
