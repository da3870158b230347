/* zicha-canonical-json.h — JSON written one way only, for digests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Object members sorted by their UTF-8 bytes, no insignificant white
 * space, text as UTF-8 (only '"', '\\' and control characters escaped,
 * with the short escapes where JSON has them), integers in decimal,
 * other numbers in the shortest form that reads back to the same double.
 * Equal JSON values give byte-identical text, so a SHA-256 of the text
 * identifies the value.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *zicha_canonical_json_to_string (JsonNode *node);
void  zicha_canonical_json_append    (GString  *out,
                                      JsonNode *node);

G_END_DECLS
