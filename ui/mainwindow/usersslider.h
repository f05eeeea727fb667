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

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    std::vector<Mark> m_marks;
};

} // namespace scui
