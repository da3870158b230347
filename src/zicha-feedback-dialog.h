/* zicha-feedback-dialog.h — rectification feedback (整改反馈) on a threat
 * notice: write it, send it, print the 整改反馈单
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-application.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_FEEDBACK_DIALOG (zicha_feedback_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZichaFeedbackDialog, zicha_feedback_dialog, ZICHA, FEEDBACK_DIALOG, AdwWindow)

/* A notice without feedback opens a form to write it; one with feedback
 * shows the newest, read-only, with its delivery state and the PDF.
 * NULL with @error when the notice is not in the store. Emits
 * "feedback-saved" once new feedback is queued. */
ZichaFeedbackDialog *zicha_feedback_dialog_new               (GtkWindow           *parent,
                                                              ZichaApplication    *application,
                                                              const char          *notice_id,
                                                              GError             **error);

/* What the file chooser adds ("Add File…"): FALSE, with the reason shown
 * under the list, when the file cannot be used. */
gboolean             zicha_feedback_dialog_add_evidence      (ZichaFeedbackDialog *self,
                                                              GFile               *file);
/* The feedback shown; NULL while it is being written. */
const char          *zicha_feedback_dialog_get_feedback_uuid (ZichaFeedbackDialog *self);
/* What "Save as PDF…" does after its file chooser: the form is written in
 * a worker; zicha_feedback_dialog_get_busy() says while. */
void                 zicha_feedback_dialog_save_pdf          (ZichaFeedbackDialog *self,
                                                              GFile               *file);
gboolean             zicha_feedback_dialog_get_busy          (ZichaFeedbackDialog *self);

/* One line on where feedback stands, for people: queued, waiting for
 * another attempt, refused, or received (on time or late) with the
 * receipt number. */
char                *zicha_feedback_describe_state           (const ZichaFeedback *feedback);

G_END_DECLS
