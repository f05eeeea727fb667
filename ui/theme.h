#pragma once

#include <QPalette>

class QStyle;

namespace scui {

// The application palette of a theme: Fusion's standard one, or the editor's dark one. The
// editor, the exports and the charts all read colours from it.
QPalette themePalette(bool dark);
// Fusion, and on a dark palette a lighter ring round each check box (Fusion's own
// outline vanishes into the dark window). The caller owns it (QApplication::setStyle takes it).
QStyle *makeStyle();
// Installs that style and the theme's palette on the running QApplication.
void applyTheme(bool dark);
// Whether the palette in use is dark (Qt 6.4 has no colour-scheme hint: judge the window colour).
bool isDark(const QPalette &palette);

} // namespace scui
