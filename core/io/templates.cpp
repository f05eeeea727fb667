#include "templates.h"

#include <algorithm>
#include <cstddef>

namespace sc {

struct EmbeddedTemplate {
    const char *name;
    const char *json;
};
extern const EmbeddedTemplate kEmbeddedTemplates[];
extern const std::size_t kEmbeddedTemplateCount;

const std::vector<TemplateInfo> &builtinTemplates()
{
    static const std::vector<TemplateInfo> list = [] {
        std::vector<TemplateInfo> l;
        for (std::size_t i = 0; i < kEmbeddedTemplateCount; ++i)
            l.push_back({kEmbeddedTemplates[i].name, kEmbeddedTemplates[i].json});
        std::sort(l.begin(), l.end(),
                  [](const TemplateInfo &a, const TemplateInfo &b) { return a.name < b.name; });
        return l;
    }();
    return list;
}

const TemplateInfo *findTemplate(std::string_view name)
{
    for (const TemplateInfo &t : builtinTemplates())
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace sc
