#include "variantcheck.h"

#include "core/analysis/model.h"

namespace sc {

namespace {

// `e` of variant i's design at the file's path: the model's paths start at "design", and a path
// outside it is the design's own.
Issue atVariant(Issue e, size_t i)
{
    const std::string at = "variants[" + std::to_string(i) + "].";
    e.path = at + (e.path.rfind("design", 0) == 0 ? e.path
                   : e.path.empty()               ? std::string("design")
                                                  : "design." + e.path);
    return e;
}

} // namespace

Issues variantErrors(const Design &file, std::string_view name, const Catalog &catalog)
{
    const Variant *v = findVariant(file, name);
    if (!v)
        return {};
    Issues out;
    const Model model(v->design, catalog);
    for (const Issue &e : model.errors())
        out.push_back(atVariant(e, size_t(v - file.variants.data())));
    return out;
}

Issues variantValidationIssues(const Design &file, const Catalog &catalog)
{
    Issues out;
    for (size_t i = 0; i < file.variants.size(); ++i) {
        const std::string at = "variants[" + std::to_string(i) + "].";
        // An empty variant is refused as an empty design is (`validate`): nothing to check.
        if (file.variants[i].design.components.empty()) {
            out.push_back({at + "design.components", kNoComponentsMessage});
            continue;
        }
        for (const Issue &e : Model(file.variants[i].design, catalog).validationIssues())
            out.push_back(atVariant(e, i));
    }
    return out;
}

} // namespace sc
