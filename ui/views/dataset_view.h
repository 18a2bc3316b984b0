#pragma once
// The dataset panel: choose a dataset (the built-in ones, or files through DatasetFileChooser), browse it
// as a grid of thumbnails (images) or a scatter plot coloured by class (2-D points), and filter by class.
// Clicking a thumbnail or a point selects that sample in the shared DatasetState (the forward chain shows
// it). Loading runs on DatasetState's worker thread; the panel shows "loading…" meanwhile. GUI-thread only.

#include "session/dataset_state.h"

#include "lecture/lecture_view.h"

#include <QAbstractListModel>
#include <QWidget>

#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QListView;
class QStackedWidget;
class QToolButton;

/// Thumbnails of the samples of one class (or all): a list model over dataset indices whose decoration is
/// the image, made on demand (the view only asks for what it shows).
class DatasetThumbnailModel : public QAbstractListModel {
  Q_OBJECT
 public:
  using QAbstractListModel::QAbstractListModel;
  /// Shows `dataset` (image data; anything else shows nothing), restricted to `label` (< 0: all classes).
  void setDataset(DatasetPtr dataset, int64_t label);
  int64_t datasetIndex(int row) const { return m_indices.at(static_cast<size_t>(row)); }
  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;

  static constexpr int kThumbnailSize = 56;

 private:
  DatasetPtr m_dataset;
  std::vector<int64_t> m_indices;
};

class DatasetView : public QWidget, public LectureView {
  Q_OBJECT
 public:
  /// `state` must outlive the view.
  explicit DatasetView(DatasetState* state, QWidget* parent = nullptr);

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;

  /// The class shown (-1: all).
  int64_t classFilter() const;
  void setClassFilter(int64_t label);
  /// Number of samples shown after filtering.
  int shownCount() const { return m_shown; }

  // Parts, for tests.
  QComboBox* datasetBox() const { return m_datasetBox; }
  QComboBox* classBox() const { return m_classBox; }
  QListView* thumbnails() const { return m_list; }
  QCustomPlot* scatter() const { return m_scatter; }
  DatasetThumbnailModel* thumbnailModel() const { return m_model; }
  /// The line above the data ("Loading …", or why the last load failed); empty when none.
  QString bannerText() const;

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();

 private:
  void onDatasetChanged();
  void onDatasetChosen(int row);
  void onClassChosen();
  void onLoadingStarted(const QString& spec);
  void onLoadFailed(const QString& spec, const QString& message);
  void showScatter(const difflab::Dataset& dataset, int64_t label);
  void selectNearestPoint(const QPointF& pixel);
  void updateInfo();

  DatasetState* m_state;
  QComboBox* m_datasetBox = nullptr;
  QToolButton* m_openButton = nullptr;
  QComboBox* m_classBox = nullptr;
  QLabel* m_info = nullptr;
  QStackedWidget* m_stack = nullptr;
  QListView* m_list = nullptr;
  DatasetThumbnailModel* m_model = nullptr;
  QCustomPlot* m_scatter = nullptr;
  QLabel* m_message = nullptr;
  QLabel* m_banner = nullptr;  ///< loading / load errors above the shown data set, which stays until replaced
  int m_shown = 0;
};
