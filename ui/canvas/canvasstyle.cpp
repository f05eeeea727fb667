#include "canvasstyle.h"

#include "core/analysis/limits.h"

#include <QApplication>
#include <QPalette>

#include <array>

namespace scui {

bool paletteIsDark()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

CanvasColors canvasColors()
{
    // Every item asks on every paint: computed once per palette, not 20,000 times a frame.
    static CanvasColors cached;
    static qint64 cachedKey = -1;
    const QPalette p = QApplication::palette();
    if (p.cacheKey() == cachedKey)
        return cached;
    CanvasColors c;
    c.dark = paletteIsDark();
    c.background = p.color(QPalette::Base);
    c.grid = c.dark ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 30);
    c.box = c.dark ? p.color(QPalette::Window).lighter(125) : QColor(252, 252, 253);
    c.border = c.dark ? QColor(130, 136, 146) : QColor(150, 156, 166);
    c.text = p.color(QPalette::Text);
    c.dim = c.dark ? QColor(175, 180, 190) : QColor(90, 96, 106);
    c.selection = p.color(QPalette::Highlight);
    c.bottleneck = c.dark ? QColor(255, 120, 80) : QColor(214, 72, 30);
    c.red = c.dark ? QColor(240, 85, 85) : QColor(200, 30, 40);
    c.amber = QColor(235, 160, 20);
    c.green = c.dark ? QColor(70, 190, 110) : QColor(40, 160, 80);
    c.barTrack = c.dark ? QColor(255, 255, 255, 40) : QColor(0, 0, 0, 28);
    c.port = c.dark ? QColor(90, 150, 230) : QColor(60, 120, 210);
    c.edge = c.dark ? QColor(150, 170, 200) : QColor(95, 110, 135);
    cached = c;
    cachedKey = p.cacheKey();
    return c;
}

int utilizationTone(double u)
{
    switch (sc::loadBand(u)) {
    case sc::LoadBand::Page:
    case sc::LoadBand::Critical:
        return 2;
    case sc::LoadBand::Warning:
        return 1;
    case sc::LoadBand::Normal:
        break;
    }
    return 0;
}

QColor toneColor(int tone, const CanvasColors &c)
{
    return tone >= 2 ? c.red : tone == 1 ? c.amber : c.green;
}

QColor utilizationColor(double u, const CanvasColors &c)
{
    return toneColor(utilizationTone(u), c);
}

QString displayText(const QString &text)
{
    const auto replacement = [](char16_t c, bool loneSurrogate) -> char16_t {
        if (loneSurrogate)
            return u'\uFFFD';
        if (c == u'\t' || c == u'\n')
            return 0;
        if (c < 0x20)
            return char16_t(0x2400 + c); // ␀ … ␟
        if (c == 0x7F)
            return u'\u2421'; // ␡
        if ((c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
            return u'\uFFFD';
        return 0;
    };
    // Nothing to replace in almost every label: no copy then.
    QString out;
    bool copying = false;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        qsizetype width = 1;
        bool lone = false;
        if (QChar::isHighSurrogate(c) && i + 1 < n &&
            QChar::isLowSurrogate(text.at(i + 1).unicode()))
            width = 2;
        else
            lone = QChar::isSurrogate(c);
        const char16_t r = width == 1 ? replacement(c, lone) : 0;
        if (r && !copying) {
            out = text.left(i);
            copying = true;
        }
        if (copying) {
            if (r)
                out.append(QChar(r));
            else
                out.append(text.mid(i, width));
        }
        i += width - 1;
    }
    return copying ? out : text;
}

QString displayText(const std::string &utf8)
{
    return displayText(QString::fromStdString(utf8));
}

QIcon kindIcon(sc::Kind kind)
{
    static std::array<QIcon, sc::kKindCount> icons;
    QIcon &icon = icons[size_t(kind)];
    if (icon.isNull())
        icon = QIcon(QStringLiteral(":/icons/%1.svg")
                         .arg(QString::fromUtf8(sc::kindName(kind).data(),
                                                qsizetype(sc::kindName(kind).size()))));
    return icon;
}

} // namespace scui
