/* cli-validate.h — zicha-cli validate ANSWERS.json [--form FILE] [--date YYYY-MM-DD]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validates an answers file (docs/answers-format.md) against the default
 * form, or the definition named by --form, with zicha_validate(). Prints
 * each problem on one line of stdout, "severity path: 中文 / English",
 * in document order, then a summary line. --date is the day "within N
 * months" counts from when the report has no 填表日期 (default: today).
 *
 * Exit status per cli-commands.h: 0 no errors (warnings allowed); 1 the
 * answers have errors; 2 bad usage, an unreadable file, broken JSON (the
 * line:column), answers that do not fit the form (another form, unknown
 * fields), a form that cannot be loaded, or a bad --date — one line on
 * stderr.
 *
 * For the command table: parameters N_("ANSWERS.json"), summary
 * N_("Validate an answers file and list its problems").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_validate_run (int    argc,
                      char **argv);

G_END_DECLS
