#pragma once
// File dialogs that turn a user's choice of files into a dataset spec for DatasetState::load (the spec
// grammar is in core/data/dataset_catalog.h). Shared by the File menu and the dataset panel.

#include <QCoreApplication>
#include <QString>

#include <vector>

class QWidget;

class DatasetFileChooser {
  Q_DECLARE_TR_FUNCTIONS(DatasetFileChooser)

 public:
  enum class Source { Idx, Cifar10, ImageFolder, GaussianMixture };

  static std::vector<Source> sources() {
    return {Source::Idx, Source::Cifar10, Source::ImageFolder, Source::GaussianMixture};
  }
  /// Menu text, e.g. "IDX files (MNIST, Fashion-MNIST)…".
  static QString actionText(Source source);
  /// Asks for the files of `source` with modal dialogs; returns the spec, or an empty string if cancelled.
  static QString ask(Source source, QWidget* parent);

  /// Specs built from chosen paths (also used by tests).
  static QString idxSpec(const QString& images, const QString& labels);
  static QString folderSpec(const QString& dir, int size);
};
