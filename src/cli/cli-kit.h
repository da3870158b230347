/* cli-kit.h — zicha-cli inspection-kit REPORT (-o FILE.zip | --folder DIR)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the 迎检材料 of a report (ZichaInspectionKit): index.pdf, which
 * lists section by section every answer with evidence and each file's
 * name, size and SHA-256, and the evidence files under evidence/, as a
 * ZIP (-o, replacing an existing file) or as a new folder (--folder, which
 * must not exist). Progress goes to stderr when it is a terminal; the
 * path and the number of evidence files go to stdout. A failure (unknown
 * report, missing fonts, unwritable or existing target) is one line on
 * stderr, exit status 2, and leaves nothing behind.
 *
 * For the command table: parameters N_("REPORT (-o FILE.zip | --folder DIR)"),
 * summary N_("Export the evidence files with a PDF index for an on-site inspection").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_kit_run (int    argc,
                 char **argv);

G_END_DECLS
