#pragma once

#include "core/model/design.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace scui {

// Places as the GUI writes and reads them (issue 15): an AWS region by name ("eu-central-1"),
// or a latitude and longitude in degrees ("48.1, 11.6").

// The AWS regions the core knows (its region table), in its order.
QStringList awsRegionNames();
// "eu-central-1", or "48.1, 11.6" for coordinates.
QString placeText(const sc::Place &place);
// The place `text` names; nullopt with `error` saying why (an unknown region, a latitude out
// of −90…90, a longitude out of −180…180, not a place at all).
std::optional<sc::Place> parsePlace(const QString &text, QString *error);

} // namespace scui
