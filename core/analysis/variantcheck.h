#pragma once

// The checks `validate` makes of a design, made of a file's variants (DESIGN.md "File format
// 2": every block is validated like the design).

#include "core/catalog/catalog.h"
#include "core/io/issue.h"
#include "core/model/design.h"

namespace sc {

// Model::validationIssues() of every variant's design (a dangling connection, a loop, a
// component with nowhere to send a class, no clients), each at its variant's path:
// "variants[1].design.connections[3].from". Empty when every variant is complete.
Issues variantValidationIssues(const Design &file, const Catalog &catalog);

} // namespace sc
