#pragma once

#include <QSlider>
#include <QString>

#include <vector>

namespace scui {

// The users slider (log scale) with each tier's walls marked on its track (issue 17): a short
// amber tick where a tier reaches the target utilization (80%) and a red one where it
// saturates (100%), so a reader sees where the design breaks before dragging there. Hovering a
// tick names the tier. The marks are positions of the slider's range (MainWindow::
// sliderPosition of core's Model::tierWalls); the slider computes nothing.
class UsersSlider : public QSlider
{
    Q_OBJECT
public:
    struct Mark {
        int position = 0;  // in the slider's range
        bool full = false; // 100% (red) or the 80% target (amber)
        QString text;      // "App tier reaches 80% at 1.2M users"
        bool operator==(const Mark &) const = default;
    };
    explicit UsersSlider(QWidget *parent = nullptr);
    void setMarks(std::vector<Mark> marks);
    const std::vector<Mark> &marks() const { return m_marks; }
    // The x of a slider position on the track, in this widget's coordinates.
    int xOf(int position) const;
    // The mark nearest to x within a few pixels (the red one first), or nullptr.
    const Mark *markAt(int x) const;
    // The next round decade above `users` (direction > 0) or below it, within the slider's
    // 10 to 10^8: 1,500 → 10,000 or 1,000. Page Up/Down and the presentation's clicker.
    static double decadeFrom(double users, int direction);

signals:
    // Page Up (+1) or Page Down (-1): the viewed users go to decadeFrom theirs.
    void decadeStepped(int direction);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    std::vector<Mark> m_marks;
};

} // namespace scui
