#include "variantcheck.h"

#include "core/analysis/model.h"

namespace sc {

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
        for (Issue e : Model(file.variants[i].design, catalog).validationIssues()) {
            // The model's paths start at "design"; a path outside it is the design's own.
            e.path = at + (e.path.rfind("design", 0) == 0 ? e.path
                           : e.path.empty()               ? std::string("design")
                                                          : "design." + e.path);
            out.push_back(std::move(e));
        }
    }
    return out;
}

} // namespace sc
