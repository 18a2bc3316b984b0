#pragma once
// The training dashboard's sample preview: an image grid (image data), or a scatter plot of the samples
// over the training data (point data), with a caption naming the step it was drawn at. GUI-thread only.

#include <QImage>
#include <QWidget>

#include <vector>

class QCPGraph;
class QCustomPlot;
class QLabel;
class QStackedWidget;

class SampleGridWidget : public QWidget {
  Q_OBJECT
 public:
  explicit SampleGridWidget(QWidget* parent = nullptr);

  void showImages(const QImage& grid, const QString& caption);
  /// Samples (drawn in colour) over the data (grey).
  void showPoints(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& dataX,
                  const std::vector<double>& dataY, const QString& caption);
  void clear();
  /// Replaces the caption under what is shown (e.g. to add that a stopped run went on after it was drawn).
  void setCaption(const QString& caption);

  bool hasImage() const { return !m_image.isNull(); }
  const QImage& image() const { return m_image; }
  int pointCount() const;
  QString caption() const;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void updatePixmap();

  QStackedWidget* m_stack;
  QLabel* m_imageLabel;
  QCustomPlot* m_plot;
  QCPGraph* m_data;
  QCPGraph* m_samples;
  QLabel* m_caption;
  QImage m_image;
};
