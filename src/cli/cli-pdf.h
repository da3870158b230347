/* cli-pdf.h — zicha-cli pdf REPORT --table FILE.pdf --report FILE.pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the printed 自查表 and/or 自查报告 of a report (ZichaDocument).
 * Progress goes to stderr when it is a terminal; each file written is
 * named on stdout with its page count. A failure (unknown report, missing
 * fonts, unwritable path) is one line on stderr, exit status 2, and
 * leaves no file behind: an output this run created is removed again when
 * the other one fails.
 *
 * For the command table: parameters N_("REPORT [--table FILE] [--report FILE]"),
 * summary N_("Write the printed self-inspection table and/or report as PDF").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_pdf_run (int    argc,
                 char **argv);

G_END_DECLS
