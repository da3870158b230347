/* zicha-document-private.h — what the two document builders share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zicha-answers.h"
#include "zicha-document-format.h"
#include "zicha-page-layout.h"
#include "zicha-validation.h"

G_BEGIN_DECLS

typedef struct
{
  ZichaPageLayout *layout;
  ZichaForm       *form;
  ZichaAnswers    *answers;
  ZichaValidation *validation;   /* for relevance */
  const char      *unit_name;    /* nullable */
  GCancellable    *cancellable;
} ZichaDocumentBuild;

/* The value of a relevant item (a column: of @row_id), or NULL. */
JsonNode *zicha_document_build_get       (ZichaDocumentBuild *build,
                                          ZichaFormItem      *item,
                                          const char         *row_id);
gboolean  zicha_document_build_relevant  (ZichaDocumentBuild *build,
                                          ZichaFormItem      *item,
                                          const char         *row_id);
/* The text of a relevant item at @path, or NULL when unanswered. */
char     *zicha_document_build_dup_text  (ZichaDocumentBuild *build,
                                          const char         *path,
                                          ZichaValueStyle     style);
/* A repeatable table as bordered tables: portrait when it fits, landscape
 * when it needs to, in parts when even that is too narrow. Sets the
 * orientation itself; with @heading it prints the heading (and
 * @guidance) after choosing it. FALSE when cancelled. */
gboolean  zicha_document_build_repeat_table (ZichaDocumentBuild *build,
                                             ZichaFormItem      *table,
                                             const char         *heading,
                                             const char         *guidance,
                                             gboolean            allow_landscape,
                                             GError            **error);
/* The signature and seal block, filled from the answers. */
void      zicha_document_build_seal_block (ZichaDocumentBuild *build);

gboolean  zicha_document_build_table     (ZichaDocumentBuild *build,
                                          GError            **error);
gboolean  zicha_document_build_report    (ZichaDocumentBuild *build,
                                          GError            **error);

G_END_DECLS
