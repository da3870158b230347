/* zicha-report-session.h — one open report: its form, its answers in the
 * store, and the edits made to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the editor (and zicha-cli) talk to. It turns what the user typed
 * into the value the form's item expects (text, number, choice…), saves
 * every change at once, and tells listeners what changed. No GTK here.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "zicha-answers.h"
#include "zicha-form.h"
#include "zicha-store.h"
#include "zicha-validation.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_REPORT_SESSION (zicha_report_session_get_type ())

G_DECLARE_FINAL_TYPE (ZichaReportSession, zicha_report_session, ZICHA, REPORT_SESSION, GObject)

ZichaReportSession *zicha_report_session_new          (ZichaStore          *store,
                                                       ZichaForm           *form,
                                                       ZichaReport         *report);

ZichaStore         *zicha_report_session_get_store    (ZichaReportSession  *self);
ZichaForm          *zicha_report_session_get_form     (ZichaReportSession  *self);
/* The report as last read from the store (state, unit, …). */
ZichaReport        *zicha_report_session_get_report   (ZichaReportSession  *self);
const char         *zicha_report_session_get_uuid     (ZichaReportSession  *self);
gboolean            zicha_report_session_is_editable  (ZichaReportSession  *self);

/* The stored value of an item (a column needs @row_uuid), or NULL. */
JsonNode           *zicha_report_session_get_value    (ZichaReportSession  *self,
                                                       ZichaFormItem       *item,
                                                       const char          *row_uuid);
/* The value as text for an entry: numbers and dates as typed. */
char               *zicha_report_session_get_text     (ZichaReportSession  *self,
                                                       ZichaFormItem       *item,
                                                       const char          *row_uuid);

/* Saves @value (NULL clears). @typing joins quick successive changes of
 * the same field into one undo step. Emits "changed". */
gboolean            zicha_report_session_set_value    (ZichaReportSession  *self,
                                                       ZichaFormItem       *item,
                                                       const char          *row_uuid,
                                                       JsonNode            *value,
                                                       gboolean             typing,
                                                       GError             **error);
/* Saves what the user typed, as the item's type wants it: an integer item
 * stores a number when the text is one, and the text itself otherwise (so
 * nothing typed is lost and validation can say what is wrong). Empty text
 * clears the answer. */
gboolean            zicha_report_session_set_text     (ZichaReportSession  *self,
                                                       ZichaFormItem       *item,
                                                       const char          *row_uuid,
                                                       const char          *text,
                                                       gboolean             typing,
                                                       GError             **error);

/* Rows of a table item. */
GStrv               zicha_report_session_list_rows    (ZichaReportSession  *self,
                                                       ZichaFormItem       *table);
char               *zicha_report_session_add_row      (ZichaReportSession  *self,
                                                       ZichaFormItem       *table,
                                                       GError             **error);
char               *zicha_report_session_duplicate_row (ZichaReportSession *self,
                                                       const char          *row_uuid,
                                                       GError             **error);
gboolean            zicha_report_session_remove_row   (ZichaReportSession  *self,
                                                       const char          *row_uuid,
                                                       GError             **error);

/* Edits between these calls are one undo step (see
 * zicha_store_begin_undo_step()): one action that makes several edits. */
gboolean            zicha_report_session_begin_undo_step (ZichaReportSession *self,
                                                          GError            **error);
void                zicha_report_session_end_undo_step   (ZichaReportSession *self);

gboolean            zicha_report_session_can_undo     (ZichaReportSession  *self);
gboolean            zicha_report_session_can_redo     (ZichaReportSession  *self);
/* @item gets the item the step touched, when it is one of the form's. */
gboolean            zicha_report_session_undo         (ZichaReportSession  *self,
                                                       ZichaFormItem      **item,
                                                       GError             **error);
gboolean            zicha_report_session_redo         (ZichaReportSession  *self,
                                                       ZichaFormItem      **item,
                                                       GError             **error);

/* Every answer and row of the report, read from the store, for
 * validation, documents and packages. */
ZichaAnswers       *zicha_report_session_load_answers (ZichaReportSession *self,
                                                       GError            **error);
/* The same for any report in @store. */
ZichaAnswers       *zicha_store_load_answers          (ZichaStore         *store,
                                                       ZichaForm          *form,
                                                       const char         *report_uuid,
                                                       GError            **error);

/* Validation runs by itself a moment after the last change (in the main
 * loop) and emits "validated"; this runs it at once. @today NULL means the
 * current date. */
ZichaValidation    *zicha_report_session_validate     (ZichaReportSession *self,
                                                       const GDate        *today,
                                                       GError            **error);
/* The newest result, or NULL before the first validation. */
ZichaValidation    *zicha_report_session_get_validation (ZichaReportSession *self);
/* The answers that validation read, for whatever else wants them as of
 * then (not to be changed); NULL before the first validation. */
ZichaAnswers       *zicha_report_session_get_validated_answers (ZichaReportSession *self);
/* The problem's message in the user's language. */
const char         *zicha_problem_get_message         (const ZichaProblem *problem);

/* Evidence files of an item (a column: of @row_uuid), borrowed until the
 * next change of attachments. Emits "attachments-changed" after one. */
GPtrArray          *zicha_report_session_list_attachments (ZichaReportSession *self,
                                                           ZichaFormItem      *item,
                                                           const char         *row_uuid);
char               *zicha_report_session_attach_file  (ZichaReportSession  *self,
                                                       ZichaFormItem       *item,
                                                       const char          *row_uuid,
                                                       GFile               *file,
                                                       GError             **error);
gboolean            zicha_report_session_remove_attachment (ZichaReportSession *self,
                                                            const char         *attachment_uuid,
                                                            GError            **error);

/* Finalizes the report: refuses while validation finds errors, then
 * freezes it in the store with its digest (docs/package-format.md). The
 * session's report is then the finalized one. */
gboolean            zicha_report_session_finalize     (ZichaReportSession *self,
                                                       const GDate        *today,
                                                       GError            **error);
/* A new draft revision of this finalized report; returns it. */
ZichaReport        *zicha_report_session_new_revision (ZichaReportSession *self,
                                                       GError            **error);

/* What "copy from last year" flags for review: every date and count of
 * the form (store keys), since they describe the year they were filled. */
GStrv               zicha_form_dup_review_keys        (ZichaForm          *form);

/* The store key of an item: its path, and for a table the table's path. */
const char         *zicha_report_session_field_key    (ZichaFormItem       *item);

G_END_DECLS
