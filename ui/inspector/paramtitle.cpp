#include "paramtitle.h"

#include "core/model/params.h"

namespace scui {

// The core's (sc::paramTitle), which a comparison's changes use too.
QString paramTitle(std::string_view name)
{
    return QString::fromStdString(sc::paramTitle(name));
}

} // namespace scui
