/* zicha-evidence-button.h — the evidence files of one answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A paperclip with the number of files; its popover lists them, adds more
 * through the file chooser portal (GtkFileChooserNative) and removes them.
 * Files dropped on the button (or on a row that forwards drops) are added.
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_EVIDENCE_BUTTON (zicha_evidence_button_get_type ())

G_DECLARE_FINAL_TYPE (ZichaEvidenceButton, zicha_evidence_button, ZICHA, EVIDENCE_BUTTON, AdwBin)

GtkWidget *zicha_evidence_button_new       (ZichaReportSession  *session,
                                            ZichaFormItem       *item,
                                            const char          *row_uuid);
/* Adds files (evidence dropped or chosen); stops at the first failure and
 * shows it. Returns how many were added. */
guint      zicha_evidence_button_add_files (ZichaEvidenceButton *self,
                                            GSList              *files);
/* A drop target for GdkFileList that adds to this button's answer. */
GtkDropTarget *zicha_evidence_button_create_drop_target (ZichaEvidenceButton *self);

G_END_DECLS
