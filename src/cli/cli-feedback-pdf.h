/* cli-feedback-pdf.h — zicha-cli feedback-pdf FEEDBACK-OR-NOTICE -o FILE.pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the 整改反馈单 (rectification feedback form) of a feedback as
 * PDF: the notice, the feedback, its evidence files with their SHA-256,
 * whether it came within the 72 hours, the platform's receipt when there
 * is one, and the seal block to sign and stamp. The argument is a
 * feedback's ID, or a notice's (then its newest feedback), or the start
 * of either (at least 4 characters). Prints the path and the page count.
 * Exit status: 0 written; 2 bad usage, unknown ID, or the file could not
 * be written (nothing is left behind then).
 */
#pragma once

#include "cli-commands.h"

G_BEGIN_DECLS

int      cli_feedback_pdf_run         (int         argc,
                                       char      **argv);

/* Writes the form of @feedback_uuid to @path (@unit_name NULL: the
 * store's) and prints "PATH: N pages"; FALSE (printed) when it could not. */
gboolean cli_write_feedback_form      (ZichaStore *store,
                                       const char *feedback_uuid,
                                       const char *unit_name,
                                       const char *path);

G_END_DECLS
