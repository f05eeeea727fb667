# NSIS: Start-menu entry comes from CPACK_PACKAGE_EXECUTABLES; this registers *.scalecanvas so a
# double-click opens the editor, and removes the registration on uninstall.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  WriteRegStr HKCR ".scalecanvas" "" "ScaleCanvas.Design"
  WriteRegStr HKCR ".scalecanvas" "Content Type" "application/x-scalecanvas"
  WriteRegStr HKCR "ScaleCanvas.Design" "" "ScaleCanvas design"
  WriteRegStr HKCR "ScaleCanvas.Design\DefaultIcon" "" "$INSTDIR\bin\scalecanvas.exe,0"
  WriteRegStr HKCR "ScaleCanvas.Design\shell\open\command" "" '"$INSTDIR\bin\scalecanvas.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
]=])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  DeleteRegKey HKCR ".scalecanvas"
  DeleteRegKey HKCR "ScaleCanvas.Design"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
]=])
