# Packaging (issue 5). Included from the top-level CMakeLists.txt after the targets exist.
#   Debian/Ubuntu: cmake --build build && (cd build && cpack -G DEB)      — installer/check-deb.sh
#   Windows:       cpack -G NSIS   (see installer/README.md: windeployqt first)
#   macOS:         cpack -G DragNDrop (see installer/README.md: macdeployqt first)
include(GNUInstallDirs)

set(SC_INSTALLER_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SC_APP_ID io.scalecanvas.ScaleCanvas)

# --- Desktop integration (freedesktop: Linux and the BSDs) ----------------------------------------
if(UNIX AND NOT APPLE)
    install(FILES ${SC_INSTALLER_DIR}/linux/${SC_APP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${SC_INSTALLER_DIR}/icons/${SC_APP_ID}.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    # The MIME type: application/x-scalecanvas, *.scalecanvas, a sub-class of application/json.
    install(FILES ${SC_INSTALLER_DIR}/linux/${SC_APP_ID}.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
    install(FILES ${SC_INSTALLER_DIR}/linux/${SC_APP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    # Debian's place for the license: /usr/share/doc/<package>/copyright (machine-readable).
    install(FILES ${SC_INSTALLER_DIR}/linux/copyright
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/scalecanvas)
endif()

# --- Common ------------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "scalecanvas")
set(CPACK_PACKAGE_VENDOR "The ScaleCanvas developers")
set(CPACK_PACKAGE_CONTACT "The ScaleCanvas developers <packages@scalecanvas.io>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://scalecanvas.io/")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Whiteboard that does the capacity and cost math of a system design")
set(CPACK_PACKAGE_DESCRIPTION
    "ScaleCanvas draws a system design (servers, load balancers, caches, databases, replicas, "
    "CDNs, queues, workers) and shows on every box its load, utilization, latency, single points "
    "of failure, availability and monthly AWS cost from 10 to 100 million users. The same binary "
    "evaluates, sweeps and exports designs headless.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY "ScaleCanvas")
set(CPACK_PACKAGE_EXECUTABLES "scalecanvas;ScaleCanvas")
# GPL-3.0-or-later (LICENSE), compatible with QCustomPlot's GPL v3; the same in the AppStream
# metainfo and installer/linux/copyright. NSIS and the disk image show the text before installing.
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/;/build[^/]*/;/out/;/\\\\.cache/")
set(CPACK_STRIP_FILES ON)
if(NOT CPACK_GENERATOR)
    if(WIN32)
        set(CPACK_GENERATOR NSIS)
    elseif(APPLE)
        set(CPACK_GENERATOR DragNDrop)
    else()
        set(CPACK_GENERATOR DEB)
    endif()
endif()

# --- Debian ------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)                 # scalecanvas_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)                  # Qt, QCustomPlot, libstdc++ via dpkg-shlibdeps
# The plugins Qt loads at run time come with the libraries shlibdeps already lists: platforms
# (xcb, offscreen) in libqt6gui6, the SVG icon engine (kind icons) in libqt6svg6. The exports
# embed DejaVu when it is there.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "poppler-utils")
# Installed under /usr; shared-mime-info, desktop-file-utils and hicolor-icon-theme update
# their caches through dpkg triggers, so the package needs no maintainer scripts.
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")

# --- Windows (NSIS) ----------------------------------------------------------------------------
set(CPACK_NSIS_DISPLAY_NAME "ScaleCanvas")
set(CPACK_NSIS_PACKAGE_NAME "ScaleCanvas ${PROJECT_VERSION}")
set(CPACK_NSIS_URL_INFO_ABOUT "https://scalecanvas.io/")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\scalecanvas.exe")
set(CPACK_NSIS_MUI_ICON "${SC_INSTALLER_DIR}/windows/scalecanvas.ico")
set(CPACK_NSIS_MUI_UNIICON "${SC_INSTALLER_DIR}/windows/scalecanvas.ico")
if(NOT EXISTS "${CPACK_NSIS_MUI_ICON}")
    unset(CPACK_NSIS_MUI_ICON)
    unset(CPACK_NSIS_MUI_UNIICON)
endif()
include(${SC_INSTALLER_DIR}/windows/nsis-file-association.cmake OPTIONAL)

# --- macOS (app bundle in a disk image) ---------------------------------------------------------
set(CPACK_DMG_VOLUME_NAME "ScaleCanvas")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_BUNDLE_NAME "ScaleCanvas")
set(CPACK_BUNDLE_PLIST "${SC_INSTALLER_DIR}/macos/Info.plist")
if(EXISTS "${SC_INSTALLER_DIR}/macos/ScaleCanvas.icns")  # generated: see installer/README.md
    set(CPACK_BUNDLE_ICON "${SC_INSTALLER_DIR}/macos/ScaleCanvas.icns")
endif()
if(APPLE AND TARGET scalecanvas)
    set_target_properties(scalecanvas PROPERTIES
        MACOSX_BUNDLE ON
        OUTPUT_NAME ScaleCanvas
        MACOSX_BUNDLE_INFO_PLIST "${SC_INSTALLER_DIR}/macos/Info.plist")
    install(TARGETS scalecanvas BUNDLE DESTINATION .)
endif()

include(CPack)
