/* zicha-report-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-report-session"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "zicha-digest.h"
#include "zicha-report-session.h"

struct _ZichaReportSession
{
  GObject          parent_instance;

  ZichaStore      *store;
  ZichaForm       *form;
  ZichaReport     *report;
  ZichaValidation *validation;
  ZichaAnswers    *validated_answers;  /* what the validation read */
  guint            validate_source;
  GPtrArray       *attachments;  /* every ZichaAttachment, until the next change */
};

/* Long enough to batch a burst of keystrokes, short enough to feel live. */
#define VALIDATE_DELAY_MS 250

G_DEFINE_FINAL_TYPE (ZichaReportSession, zicha_report_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  ROWS_CHANGED,
  VALIDATED,
  ATTACHMENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
zicha_report_session_dispose (GObject *object)
{
  ZichaReportSession *self = ZICHA_REPORT_SESSION (object);

  g_clear_handle_id (&self->validate_source, g_source_remove);
  g_clear_object (&self->validation);
  g_clear_object (&self->validated_answers);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->form);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (zicha_report_session_parent_class)->dispose (object);
}

static void
zicha_report_session_class_init (ZichaReportSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zicha_report_session_dispose;

  /**
   * ZichaReportSession::changed:
   * @item: the item whose value changed, or NULL when many may have
   *   (undo of a row, for example)
   * @row_uuid: (nullable): the row of a column
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2,
                                   ZICHA_TYPE_FORM_ITEM, G_TYPE_STRING);
  /**
   * ZichaReportSession::rows-changed:
   * @table: the table whose rows were added, removed or reordered
   */
  signals[ROWS_CHANGED] = g_signal_new ("rows-changed",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1,
                                        ZICHA_TYPE_FORM_ITEM);
  /**
   * ZichaReportSession::validated:
   * @validation: the new result
   */
  signals[VALIDATED] = g_signal_new ("validated",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1,
                                     ZICHA_TYPE_VALIDATION);
  /**
   * ZichaReportSession::attachments-changed:
   *
   * An evidence file was added or removed.
   */
  signals[ATTACHMENTS_CHANGED] = g_signal_new ("attachments-changed",
                                               G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
}

static gboolean
validate_cb (gpointer data)
{
  ZichaReportSession *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaValidation) validation = NULL;

  self->validate_source = 0;
  validation = zicha_report_session_validate (self, NULL, &error);
  if (validation == NULL)
    g_message ("Could not validate: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
schedule_validation (ZichaReportSession *self)
{
  g_clear_handle_id (&self->validate_source, g_source_remove);
  self->validate_source = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);
}

static void
zicha_report_session_init (ZichaReportSession *self)
{
}

ZichaReportSession *
zicha_report_session_new (ZichaStore  *store,
                          ZichaForm   *form,
                          ZichaReport *report)
{
  ZichaReportSession *self;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (ZICHA_IS_REPORT (report), NULL);

  self = g_object_new (ZICHA_TYPE_REPORT_SESSION, NULL);
  self->store = g_object_ref (store);
  self->form = g_object_ref (form);
  self->report = g_object_ref (report);

  return self;
}

ZichaStore *
zicha_report_session_get_store (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return self->store;
}

ZichaForm *
zicha_report_session_get_form (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return self->form;
}

ZichaReport *
zicha_report_session_get_report (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return self->report;
}

const char *
zicha_report_session_get_uuid (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return zicha_report_get_uuid (self->report);
}

gboolean
zicha_report_session_is_editable (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  return zicha_report_is_editable (self->report);
}

const char *
zicha_report_session_field_key (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return zicha_form_item_get_path (item);
}

JsonNode *
zicha_report_session_get_value (ZichaReportSession *self,
                                ZichaFormItem      *item,
                                const char         *row_uuid)
{
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  value = zicha_store_get_value (self->store, zicha_report_get_uuid (self->report),
                                 zicha_report_session_field_key (item), row_uuid, &error);
  if (error != NULL)
    g_message ("Could not read %s: %s", zicha_form_item_get_path (item), error->message);

  return value;
}

char *
zicha_report_session_get_text (ZichaReportSession *self,
                               ZichaFormItem      *item,
                               const char         *row_uuid)
{
  g_autoptr(JsonNode) value = zicha_report_session_get_value (self, item, row_uuid);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (value));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (value)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? "true" : "false");
    default:
      return g_strdup ("");
    }
}

gboolean
zicha_report_session_set_value (ZichaReportSession  *self,
                                ZichaFormItem       *item,
                                const char          *row_uuid,
                                JsonNode            *value,
                                gboolean             typing,
                                GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);

  if (!zicha_store_set_value_full (self->store, zicha_report_get_uuid (self->report),
                                   zicha_report_session_field_key (item), row_uuid, value,
                                   typing ? ZICHA_STORE_SET_COALESCE : ZICHA_STORE_SET_NONE,
                                   error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0, item, row_uuid);
  schedule_validation (self);
  return TRUE;
}

/* The number in @text, if it is one and nothing else. */
static gboolean
parse_integer (const char *text,
               gint64     *number)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, number, NULL);
}

static gboolean
parse_decimal (const char *text,
               double     *number)
{
  char *end = NULL;

  *number = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

gboolean
zicha_report_session_set_text (ZichaReportSession  *self,
                               ZichaFormItem       *item,
                               const char          *row_uuid,
                               const char          *text,
                               gboolean             typing,
                               GError             **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(JsonNode) value = NULL;
  gint64 integer;
  double decimal;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  if (*trimmed != '\0')
    {
      value = json_node_new (JSON_NODE_VALUE);

      switch (zicha_form_item_get_item_type (item))
        {
        case ZICHA_FORM_ITEM_INTEGER:
          if (parse_integer (trimmed, &integer))
            json_node_set_int (value, integer);
          else
            json_node_set_string (value, trimmed);
          break;

        case ZICHA_FORM_ITEM_DECIMAL:
          if (parse_decimal (trimmed, &decimal))
            json_node_set_double (value, decimal);
          else
            json_node_set_string (value, trimmed);
          break;

        case ZICHA_FORM_ITEM_LONG_TEXT:
          /* Narratives keep their paragraphs and spacing as written. */
          json_node_set_string (value, text);
          break;

        case ZICHA_FORM_ITEM_TEXT:
        case ZICHA_FORM_ITEM_DATE:
        case ZICHA_FORM_ITEM_CODE:
        case ZICHA_FORM_ITEM_CHOICE:
        case ZICHA_FORM_ITEM_YES_NO:
        case ZICHA_FORM_ITEM_MULTI_CHOICE:
        case ZICHA_FORM_ITEM_TABLE:
        default:
          json_node_set_string (value, trimmed);
          break;
        }
    }

  return zicha_report_session_set_value (self, item, row_uuid, value, typing, error);
}

GStrv
zicha_report_session_list_rows (ZichaReportSession *self,
                                ZichaFormItem      *table)
{
  g_autoptr(GError) error = NULL;
  GStrv rows;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  rows = zicha_store_list_rows (self->store, zicha_report_get_uuid (self->report),
                                zicha_report_session_field_key (table), &error);
  if (rows == NULL)
    {
      g_message ("Could not list rows of %s: %s", zicha_form_item_get_path (table), error->message);
      rows = g_new0 (char *, 1);
    }

  return rows;
}

char *
zicha_report_session_add_row (ZichaReportSession  *self,
                              ZichaFormItem       *table,
                              GError             **error)
{
  char *row;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  row = zicha_store_add_row (self->store, zicha_report_get_uuid (self->report),
                             zicha_report_session_field_key (table), error);
  if (row != NULL)
    {
      g_signal_emit (self, signals[ROWS_CHANGED], 0, table);
      schedule_validation (self);
    }

  return row;
}

/* The table a row belongs to, found through the form. */
static ZichaFormItem *
lookup_row_table (ZichaReportSession *self,
                  const char         *row_uuid)
{
  guint n = zicha_form_get_n_all_items (self->form);

  for (guint i = 0; i < n; i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (self->form, i);
      g_auto(GStrv) rows = NULL;

      if (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE)
        continue;

      rows = zicha_report_session_list_rows (self, item);
      if (g_strv_contains ((const char * const *) rows, row_uuid))
        return item;
    }

  return NULL;
}

char *
zicha_report_session_duplicate_row (ZichaReportSession  *self,
                                    const char          *row_uuid,
                                    GError             **error)
{
  char *copy;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  copy = zicha_store_duplicate_row (self->store, zicha_report_get_uuid (self->report), row_uuid, error);
  if (copy != NULL)
    {
      g_signal_emit (self, signals[ROWS_CHANGED], 0, lookup_row_table (self, copy));
      schedule_validation (self);
    }

  return copy;
}

gboolean
zicha_report_session_remove_row (ZichaReportSession  *self,
                                 const char          *row_uuid,
                                 GError             **error)
{
  ZichaFormItem *table;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  table = lookup_row_table (self, row_uuid);
  if (!zicha_store_remove_row (self->store, zicha_report_get_uuid (self->report), row_uuid, error))
    return FALSE;

  g_signal_emit (self, signals[ROWS_CHANGED], 0, table);
  schedule_validation (self);
  return TRUE;
}

gboolean
zicha_report_session_begin_undo_step (ZichaReportSession  *self,
                                      GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  return zicha_store_begin_undo_step (self->store, zicha_report_get_uuid (self->report), error);
}

void
zicha_report_session_end_undo_step (ZichaReportSession *self)
{
  g_return_if_fail (ZICHA_IS_REPORT_SESSION (self));

  zicha_store_end_undo_step (self->store);
}

gboolean
zicha_report_session_can_undo (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  return zicha_store_can_undo (self->store, zicha_report_get_uuid (self->report));
}

gboolean
zicha_report_session_can_redo (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  return zicha_store_can_redo (self->store, zicha_report_get_uuid (self->report));
}

static gboolean
step (ZichaReportSession  *self,
      gboolean             undo,
      ZichaFormItem      **item,
      GError             **error)
{
  g_autofree char *key = NULL;
  ZichaFormItem *touched;
  gboolean ok;

  ok = undo
       ? zicha_store_undo (self->store, zicha_report_get_uuid (self->report), &key, error)
       : zicha_store_redo (self->store, zicha_report_get_uuid (self->report), &key, error);
  if (!ok)
    return FALSE;

  touched = key != NULL ? zicha_form_lookup_item (self->form, key, NULL) : NULL;
  if (item != NULL)
    *item = touched;

  /* A step may have restored or removed rows with their values. */
  if (touched != NULL && zicha_form_item_get_item_type (touched) == ZICHA_FORM_ITEM_TABLE)
    g_signal_emit (self, signals[ROWS_CHANGED], 0, touched);
  else if (touched != NULL && zicha_form_item_get_table (touched) != NULL)
    g_signal_emit (self, signals[ROWS_CHANGED], 0, zicha_form_item_get_table (touched));
  g_signal_emit (self, signals[CHANGED], 0, touched, NULL);
  schedule_validation (self);

  return TRUE;
}

gboolean
zicha_report_session_undo (ZichaReportSession  *self,
                           ZichaFormItem      **item,
                           GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  return step (self, TRUE, item, error);
}

gboolean
zicha_report_session_redo (ZichaReportSession  *self,
                           ZichaFormItem      **item,
                           GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  return step (self, FALSE, item, error);
}

typedef struct
{
  ZichaForm    *form;
  ZichaAnswers *answers;
} LoadState;

static void
load_answer_cb (const char *field_path,
                const char *row_uuid,
                JsonNode   *value,
                gboolean    needs_review,
                gpointer    user_data)
{
  LoadState *state = user_data;
  ZichaFormItem *item = zicha_form_lookup_item (state->form, field_path, NULL);

  /* A path the form does not know can only come from another form
   * version; the answers model cannot hold it, and validation of this
   * form would not read it. */
  if (item == NULL || !zicha_answers_set_value (state->answers, item, row_uuid, value))
    g_debug ("Ignoring stored answer %s%s%s", field_path,
             row_uuid != NULL ? " row " : "", row_uuid != NULL ? row_uuid : "");
}

ZichaAnswers *
zicha_store_load_answers (ZichaStore  *store,
                          ZichaForm   *form,
                          const char  *report_uuid,
                          GError     **error)
{
  g_autoptr(ZichaAnswers) answers = NULL;
  LoadState state;
  guint n;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  answers = zicha_answers_new (form);

  /* Rows first, in their order, so cell values have a row to go to. */
  n = zicha_form_get_n_all_items (form);
  for (guint i = 0; i < n; i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);
      g_auto(GStrv) rows = NULL;

      if (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE)
        continue;

      rows = zicha_store_list_rows (store, report_uuid, zicha_report_session_field_key (item), error);
      if (rows == NULL)
        return NULL;
      for (guint r = 0; rows[r] != NULL; r++)
        zicha_answers_insert_row (answers, item, rows[r]);
    }

  state.form = form;
  state.answers = answers;
  if (!zicha_store_foreach_answer (store, report_uuid, load_answer_cb, &state, error))
    return NULL;

  return g_steal_pointer (&answers);
}

ZichaAnswers *
zicha_report_session_load_answers (ZichaReportSession  *self,
                                   GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return zicha_store_load_answers (self->store, self->form, zicha_report_get_uuid (self->report), error);
}

ZichaValidation *
zicha_report_session_validate (ZichaReportSession  *self,
                               const GDate         *today,
                               GError             **error)
{
  g_autoptr(ZichaAnswers) answers = NULL;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  answers = zicha_report_session_load_answers (self, error);
  if (answers == NULL)
    return NULL;

  g_clear_handle_id (&self->validate_source, g_source_remove);
  g_clear_object (&self->validation);
  g_set_object (&self->validated_answers, answers);
  self->validation = zicha_validate (answers, today);
  g_signal_emit (self, signals[VALIDATED], 0, self->validation);

  return g_object_ref (self->validation);
}

ZichaValidation *
zicha_report_session_get_validation (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return self->validation;
}

ZichaAnswers *
zicha_report_session_get_validated_answers (ZichaReportSession *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return self->validated_answers;
}

const char *
zicha_problem_get_message (const ZichaProblem *problem)
{
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (problem != NULL, NULL);

  /* The form and its rules are Chinese first; English where asked for. */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "zh"))
        return problem->message_zh;
      if (g_str_has_prefix (languages[i], "en") || g_str_equal (languages[i], "C"))
        return problem->message_en != NULL ? problem->message_en : problem->message_zh;
    }

  return problem->message_zh;
}

gboolean
zicha_report_session_finalize (ZichaReportSession  *self,
                               const GDate         *today,
                               GError             **error)
{
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaValidation) validation = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(ZichaReport) finalized = NULL;
  g_autofree char *digest = NULL;
  const char *uuid;
  guint errors;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  uuid = zicha_report_get_uuid (self->report);

  /* The same validation the user saw, run again on what is stored now. */
  answers = zicha_report_session_load_answers (self, error);
  if (answers == NULL)
    return FALSE;
  validation = zicha_validate (answers, today);
  errors = zicha_validation_get_n_errors (validation);
  if (errors > 0)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The report still has %u error. Correct it before finalizing.",
                                "The report still has %u errors. Correct them before finalizing.",
                                errors),
                   errors);
      return FALSE;
    }

  attachments = zicha_store_list_attachments (self->store, uuid, error);
  if (attachments == NULL)
    return FALSE;
  digest = zicha_report_digest (answers, attachments);

  if (!zicha_store_finalize_report (self->store, uuid, digest, error))
    return FALSE;

  finalized = zicha_store_get_report (self->store, uuid, error);
  if (finalized == NULL)
    return FALSE;
  g_set_object (&self->report, finalized);

  g_signal_emit (self, signals[CHANGED], 0, NULL, NULL);
  return TRUE;
}

ZichaReport *
zicha_report_session_new_revision (ZichaReportSession  *self,
                                   GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);

  return zicha_store_new_revision (self->store, zicha_report_get_uuid (self->report), error);
}

GStrv
zicha_form_dup_review_keys (ZichaForm *form)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  n = zicha_form_get_n_all_items (form);
  for (guint i = 0; i < n; i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);

      switch (zicha_form_item_get_item_type (item))
        {
        case ZICHA_FORM_ITEM_DATE:
        case ZICHA_FORM_ITEM_INTEGER:
        case ZICHA_FORM_ITEM_DECIMAL:
          g_strv_builder_add (keys, zicha_report_session_field_key (item));
          break;
        case ZICHA_FORM_ITEM_TEXT:
        case ZICHA_FORM_ITEM_LONG_TEXT:
        case ZICHA_FORM_ITEM_CHOICE:
        case ZICHA_FORM_ITEM_MULTI_CHOICE:
        case ZICHA_FORM_ITEM_YES_NO:
        case ZICHA_FORM_ITEM_CODE:
        case ZICHA_FORM_ITEM_TABLE:
        default:
          break;
        }
    }

  return g_strv_builder_end (keys);
}

GPtrArray *
zicha_report_session_list_attachments (ZichaReportSession *self,
                                       ZichaFormItem      *item,
                                       const char         *row_uuid)
{
  GPtrArray *mine = g_ptr_array_new ();
  const char *key;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), mine);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), mine);

  /* Every row of the editor asks; the store is read once per change. */
  if (self->attachments == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->attachments = zicha_store_list_attachments (self->store, zicha_report_get_uuid (self->report), &error);
      if (self->attachments == NULL)
        {
          g_message ("Could not list attachments: %s", error->message);
          return mine;
        }
    }

  key = zicha_report_session_field_key (item);
  for (guint i = 0; i < self->attachments->len; i++)
    {
      ZichaAttachment *attachment = self->attachments->pdata[i];

      if (g_strcmp0 (attachment->field_path, key) == 0 && g_strcmp0 (attachment->row_uuid, row_uuid) == 0)
        g_ptr_array_add (mine, attachment);
    }

  return mine;
}

char *
zicha_report_session_attach_file (ZichaReportSession  *self,
                                  ZichaFormItem       *item,
                                  const char          *row_uuid,
                                  GFile               *file,
                                  GError             **error)
{
  char *uuid;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  uuid = zicha_store_attach_file (self->store, zicha_report_get_uuid (self->report),
                                  zicha_report_session_field_key (item), row_uuid, file, error);
  if (uuid != NULL)
    {
      g_clear_pointer (&self->attachments, g_ptr_array_unref);
      g_signal_emit (self, signals[ATTACHMENTS_CHANGED], 0);
      schedule_validation (self);
    }

  return uuid;
}

gboolean
zicha_report_session_remove_attachment (ZichaReportSession  *self,
                                        const char          *attachment_uuid,
                                        GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (self), FALSE);

  if (!zicha_store_remove_attachment (self->store, attachment_uuid, error))
    return FALSE;

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_signal_emit (self, signals[ATTACHMENTS_CHANGED], 0);
  schedule_validation (self);
  return TRUE;
}
