# CPack: a .deb (and a .tar.gz) that installs difflab and difflab-cli into the PATH, with a desktop entry,
# AppStream metadata and an icon. Build it with `cmake --build build --target package` (see docs/install.md).
if(DIFFLAB_GUI)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/difflab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/difflab.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/difflab-session.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/difflab.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/resources/mixtures)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/mixtures DESTINATION ${CMAKE_INSTALL_DATADIR}/difflab)
endif()
# The model zoo (models/zoo.json and its checkpoints): the GUI opens on it, `--model zoo:NAME` names it.
install(FILES ${PROJECT_SOURCE_DIR}/models/zoo.json DESTINATION ${CMAKE_INSTALL_DATADIR}/difflab/models)
file(GLOB _zoo_checkpoints ${PROJECT_SOURCE_DIR}/models/*.ckpt)
install(FILES ${_zoo_checkpoints} DESTINATION ${CMAKE_INSTALL_DATADIR}/difflab/models)
if(EXISTS ${PROJECT_SOURCE_DIR}/models/configs)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/configs DESTINATION ${CMAKE_INSTALL_DATADIR}/difflab/models)
endif()

set(CPACK_PACKAGE_NAME difflab)
set(CPACK_PACKAGE_VENDOR "Diffusion Lab developers")
set(CPACK_PACKAGE_CONTACT "Diffusion Lab developers <difflab@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/difflab")
# Runtime packages: LibTorch, OpenBLAS (fast matrix products), FFmpeg's libraries where MP4 export was built,
# and for the GUI Qt 6 (with Qt Svg for SVG plot exports) + QCustomPlot.
set(_deps "libtorch1.13, libgloo0, libopenblas0-pthread, libstdc++6, zlib1g")
if(DIFFLAB_FFMPEG_DEB_DEPENDS)
  string(APPEND _deps ", ${DIFFLAB_FFMPEG_DEB_DEPENDS}")
endif()
if(DIFFLAB_GUI)
  string(APPEND _deps ", libqt6widgets6, libqt6gui6, libqt6core6, libqt6printsupport6, libqt6svg6, libqcustomplot2.1-qt6")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_deps}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${PROJECT_DESCRIPTION}
 Diffusion Lab is a desktop application with a command-line twin for exploring
 diffusion generative models: noise schedules, forward and reverse chains,
 samplers, guidance, likelihoods and training on the CPU or a CUDA GPU.")
include(CPack)
