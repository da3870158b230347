/* zicha-platform-storage.c — the storage interface and its records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include "zicha-platform-storage.h"

G_DEFINE_QUARK (zicha-platform-storage-error-quark, zicha_platform_storage_error)

G_DEFINE_INTERFACE (ZichaPlatformStorage, zicha_platform_storage, G_TYPE_OBJECT)

static void
zicha_platform_storage_default_init (ZichaPlatformStorageInterface *iface)
{
}

/* Records ------------------------------------------------------------------- */

void
zicha_platform_unit_free (ZichaPlatformUnit *unit)
{
  if (unit == NULL)
    return;

  g_free (unit->code);
  g_free (unit->name);
  g_free (unit);
}

ZichaPlatformUnit *
zicha_platform_unit_copy (const ZichaPlatformUnit *unit)
{
  ZichaPlatformUnit *copy = g_new0 (ZichaPlatformUnit, 1);

  copy->id = unit->id;
  copy->code = g_strdup (unit->code);
  copy->name = g_strdup (unit->name);
  return copy;
}

void
zicha_platform_submission_free (ZichaPlatformSubmission *submission)
{
  if (submission == NULL)
    return;

  g_free (submission->unit_code);
  g_free (submission->report_uuid);
  g_free (submission->digest);
  g_free (submission->form_id);
  g_free (submission->received_at);
  g_free (submission->package_sha256);
  g_free (submission->receipt_number);
  g_free (submission->receipt);
  g_free (submission);
}

void
zicha_platform_notice_free (ZichaPlatformNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->id);
  g_free (notice->detected_at);
  g_free (notice->target);
  g_free (notice->type);
  g_free (notice->severity);
  g_free (notice->description);
  g_free (notice->state);
  g_free (notice->updated_at);
  g_free (notice->unit_code);
  g_free (notice->answered_at);
  g_free (notice);
}

void
zicha_platform_feedback_free (ZichaPlatformFeedback *feedback)
{
  if (feedback == NULL)
    return;

  g_free (feedback->notice_id);
  g_free (feedback->feedback_uuid);
  g_free (feedback->digest);
  g_free (feedback->received_at);
  g_free (feedback->package_sha256);
  g_free (feedback->receipt_number);
  g_free (feedback->receipt);
  g_free (feedback);
}

/* Dispatch ------------------------------------------------------------------ */

gboolean
zicha_platform_storage_add_unit (ZichaPlatformStorage  *self,
                                 const char            *code,
                                 const char            *name,
                                 const char            *token_sha256,
                                 GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), FALSE);
  g_return_val_if_fail (code != NULL && name != NULL && token_sha256 != NULL, FALSE);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->add_unit (self, code, name, token_sha256, error);
}

ZichaPlatformUnit *
zicha_platform_storage_find_unit_by_token (ZichaPlatformStorage  *self,
                                           const char            *token_sha256,
                                           GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (token_sha256 != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->find_unit_by_token (self, token_sha256, error);
}

ZichaPlatformSubmission *
zicha_platform_storage_get_submission (ZichaPlatformStorage  *self,
                                       gint64                 unit_id,
                                       const char            *report_uuid,
                                       GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (report_uuid != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->get_submission (self, unit_id, report_uuid, error);
}

ZichaPlatformSubmission *
zicha_platform_storage_add_submission (ZichaPlatformStorage           *self,
                                       const ZichaPlatformSubmission  *submission,
                                       GBytes                         *package,
                                       gboolean                       *created,
                                       GError                        **error)
{
  gboolean ignored;

  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (submission != NULL && package != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->add_submission (self, submission, package,
                                                                  created != NULL ? created : &ignored,
                                                                  error);
}

GBytes *
zicha_platform_storage_read_package (ZichaPlatformStorage  *self,
                                     gint64                 unit_id,
                                     const char            *report_uuid,
                                     GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (report_uuid != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->read_package (self, unit_id, report_uuid, error);
}

GPtrArray *
zicha_platform_storage_list_submissions (ZichaPlatformStorage  *self,
                                         GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->list_submissions (self, error);
}

GPtrArray *
zicha_platform_storage_list_notices (ZichaPlatformStorage  *self,
                                     gint64                 unit_id,
                                     const char            *since,
                                     guint                  limit,
                                     GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->list_notices (self, unit_id, since, limit, error);
}

GBytes *
zicha_platform_storage_get_receipt_key (ZichaPlatformStorage  *self,
                                        GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->get_receipt_key (self, error);
}

ZichaPlatformUnit *
zicha_platform_storage_find_unit_by_code (ZichaPlatformStorage  *self,
                                          const char            *code,
                                          GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->find_unit_by_code (self, code, error);
}

gboolean
zicha_platform_storage_add_notice (ZichaPlatformStorage       *self,
                                   gint64                      unit_id,
                                   const ZichaPlatformNotice  *notice,
                                   GError                    **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), FALSE);
  g_return_val_if_fail (notice != NULL, FALSE);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->add_notice (self, unit_id, notice, error);
}

ZichaPlatformNotice *
zicha_platform_storage_get_notice (ZichaPlatformStorage  *self,
                                   gint64                 unit_id,
                                   const char            *notice_id,
                                   GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (notice_id != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->get_notice (self, unit_id, notice_id, error);
}

GPtrArray *
zicha_platform_storage_list_all_notices (ZichaPlatformStorage  *self,
                                         GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->list_all_notices (self, error);
}

ZichaPlatformFeedback *
zicha_platform_storage_get_feedback (ZichaPlatformStorage  *self,
                                     gint64                 unit_id,
                                     const char            *feedback_uuid,
                                     GError               **error)
{
  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (feedback_uuid != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->get_feedback (self, unit_id, feedback_uuid, error);
}

ZichaPlatformFeedback *
zicha_platform_storage_add_feedback (ZichaPlatformStorage         *self,
                                     const ZichaPlatformFeedback  *feedback,
                                     GBytes                       *package,
                                     gboolean                     *created,
                                     GError                      **error)
{
  gboolean ignored;

  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (self), NULL);
  g_return_val_if_fail (feedback != NULL && package != NULL, NULL);

  return ZICHA_PLATFORM_STORAGE_GET_IFACE (self)->add_feedback (self, feedback, package,
                                                                created != NULL ? created : &ignored,
                                                                error);
}
