#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct TemplateInfo {
    std::string name; // file stem, e.g. "stage3-100k"
    std::string json; // the design file
};

// The built-in designs (resources/templates/*.scalecanvas), sorted by name.
const std::vector<TemplateInfo> &builtinTemplates();
const TemplateInfo *findTemplate(std::string_view name);

} // namespace sc
