#pragma once

// The checks `validate` makes of a design, made of a file's variants (DESIGN.md "File format
// 2": every block is validated like the design).

#include "core/catalog/catalog.h"
#include "core/io/issue.h"
#include "core/model/design.h"

namespace sc {

// What `validate` says of a design with no components, the file's or a variant's.
inline constexpr const char *kNoComponentsMessage =
    "the design has no components: nothing to check";

// Model::validationIssues() of every variant's design (a dangling connection, a loop, a
// component with nowhere to send a class, no clients; an empty one: kNoComponentsMessage),
// each at its variant's path: "variants[1].design.connections[3].from". Empty when every
// variant is complete.
Issues variantValidationIssues(const Design &file, const Catalog &catalog);

// The errors of the variant named `name` (Model::errors(): what leaves it without figures, as
// the commands other than `validate` hold a design to), at its variant's paths; empty when the
// file has no such variant or it has none.
Issues variantErrors(const Design &file, std::string_view name, const Catalog &catalog);

} // namespace sc
