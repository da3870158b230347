/* zicha-answers.h — the answers of one report, in memory and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values per item of a ZichaForm: plain items by item, table cells by
 * (column, row). Rows have stable ids, random UUIDs from
 * g_uuid_string_random(), so edits, history and merges address rows, not
 * positions. Values are JSON as the form's types want them (see
 * docs/form-format.md, "Items"), but any JSON value other than an object is
 * kept as given: validation, not the answers model, says what is wrong.
 *
 * The JSON form (docs/answers-format.md) is canonical when written: object
 * members sorted by their UTF-8 bytes, UTF-8 text, no insignificant white
 * space, rows in their order. Equal answers give byte-identical files.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "zicha-form.h"

G_BEGIN_DECLS

#define ZICHA_ANSWERS_ERROR (zicha_answers_error_quark ())

typedef enum
{
  ZICHA_ANSWERS_ERROR_SYNTAX,              /* not JSON: "L:C: …" */
  ZICHA_ANSWERS_ERROR_INVALID,             /* wrong shape, with the JSON path */
  ZICHA_ANSWERS_ERROR_UNSUPPORTED_VERSION, /* "format_version" not understood */
  ZICHA_ANSWERS_ERROR_WRONG_FORM,          /* for another form id or version */
  ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD,       /* a section, item or column the form lacks */
  ZICHA_ANSWERS_ERROR_DUPLICATE_ROW,       /* two rows with one id */
} ZichaAnswersError;

GQuark zicha_answers_error_quark (void);

/* The "format_version" of answers files this program reads and writes. */
#define ZICHA_ANSWERS_FORMAT_VERSION 1

#define ZICHA_TYPE_ANSWERS (zicha_answers_get_type ())

G_DECLARE_FINAL_TYPE (ZichaAnswers, zicha_answers, ZICHA, ANSWERS, GObject)

/* Visits one value; @row_id is NULL for plain items. */
typedef void (*ZichaAnswersFunc) (ZichaFormItem *item,
                                  const char    *row_id,
                                  JsonNode      *value,
                                  gpointer       user_data);

ZichaAnswers *zicha_answers_new             (ZichaForm     *form);
ZichaForm    *zicha_answers_get_form        (ZichaAnswers  *self);

/* The value (borrowed), or NULL when unanswered. For a column, @row_id
 * names the row; for a table item, a JSON array of its row ids. */
JsonNode     *zicha_answers_get_value       (ZichaAnswers  *self,
                                             ZichaFormItem *item,
                                             const char    *row_id);
/* Stores a copy of @value; NULL or JSON null clears. A column needs an
 * existing @row_id; a table item cannot be set (use the row functions).
 * Returns FALSE (with a critical) on misuse. */
gboolean      zicha_answers_set_value       (ZichaAnswers  *self,
                                             ZichaFormItem *item,
                                             const char    *row_id,
                                             JsonNode      *value);
/* By path: "section.item" or "section.table[ROW].column". */
gboolean      zicha_answers_set_value_at    (ZichaAnswers  *self,
                                             const char    *path,
                                             JsonNode      *value,
                                             GError       **error);

/* Rows */
guint         zicha_answers_get_n_rows      (ZichaAnswers  *self,
                                             ZichaFormItem *table);
const char   *zicha_answers_get_row_id      (ZichaAnswers  *self,
                                             ZichaFormItem *table,
                                             guint          index);
gboolean      zicha_answers_has_row         (ZichaAnswers  *self,
                                             ZichaFormItem *table,
                                             const char    *row_id);
/* Appends a row with a new random UUID, which it returns. */
char         *zicha_answers_add_row         (ZichaAnswers  *self,
                                             ZichaFormItem *table);
/* Appends a row with a given id (from the store or a file). FALSE when
 * the id is not a UUID or the table already has it. */
gboolean      zicha_answers_insert_row      (ZichaAnswers  *self,
                                             ZichaFormItem *table,
                                             const char    *row_id);
gboolean      zicha_answers_remove_row      (ZichaAnswers  *self,
                                             ZichaFormItem *table,
                                             const char    *row_id);

/* Every stored value, in document order: items in form order, tables row
 * by row. Tables themselves are not visited. */
void          zicha_answers_foreach         (ZichaAnswers     *self,
                                             ZichaAnswersFunc  func,
                                             gpointer          user_data);
guint         zicha_answers_get_n_values    (ZichaAnswers  *self);

/* JSON */
ZichaAnswers *zicha_answers_new_from_string (ZichaForm     *form,
                                             const char    *text,
                                             gssize         length,
                                             GError       **error);
ZichaAnswers *zicha_answers_new_from_file   (ZichaForm     *form,
                                             const char    *path,
                                             GError       **error);
/* The canonical JSON text (see above), without a final newline. */
char         *zicha_answers_to_string       (ZichaAnswers  *self);
gboolean      zicha_answers_save_to_file    (ZichaAnswers  *self,
                                             const char    *path,
                                             GError       **error);

G_END_DECLS
