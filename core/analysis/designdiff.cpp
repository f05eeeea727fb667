#include "designdiff.h"

namespace sc {

DesignDiff diffDesigns(const Design &a, const Design &b)
{
    DesignDiff d;
    for (const Component &c : b.components) {
        const Component *old = a.find(c.id);
        if (!old) {
            d.componentsAdded.push_back(c.id);
            continue;
        }
        ComponentChange ch{
            c.id, {}, old->kind != c.kind, old->label != c.label, !(old->position == c.position)};
        for (const auto &[k, v] : c.params)
            if (auto it = old->params.find(k); it == old->params.end() || !(it->second == v))
                ch.params.push_back(k);
        for (const auto &[k, v] : old->params)
            if (!c.params.count(k))
                ch.params.push_back(k);
        if (!ch.params.empty() || ch.kindChanged || ch.labelChanged || ch.moved)
            d.componentsChanged.push_back(ch);
    }
    for (const Component &c : a.components)
        if (!b.find(c.id))
            d.componentsRemoved.push_back(c.id);
    return d;
}

} // namespace sc
