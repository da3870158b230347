/* zicha-feedback-package.h — rectification feedback (整改反馈) as a
 * feedback package: feedback.json and the evidence files in one ZIP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/platform-api.md, "Feedback on a notice". The client builds the
 * package from the store; the platform verifies it with the same code
 * (zicha_feedback_package_verify()), under the limits and refusals of a
 * .zicha package (docs/package-format.md). The digest is the SHA-256 of
 * the bytes of feedback.json, which lists every evidence file's size and
 * SHA-256, so it covers the evidence too.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-package.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define ZICHA_FEEDBACK_MEDIA_TYPE      "application/vnd.zicha.feedback+zip"
#define ZICHA_FEEDBACK_DOCUMENT_PATH   "feedback.json"
#define ZICHA_FEEDBACK_FORMAT_VERSION  1
/* actions and retest_result, in characters */
#define ZICHA_FEEDBACK_MAX_TEXT        8000
/* contact.name and contact.phone, in characters */
#define ZICHA_FEEDBACK_MAX_SHORT_TEXT  200

#define ZICHA_FEEDBACK_ERROR (zicha_feedback_error_quark ())

typedef enum
{
  /* feedback.json is not what the API says: the platform's
   * 422 invalid_feedback. The other refusals are ZICHA_PACKAGE_ERROR. */
  ZICHA_FEEDBACK_ERROR_INVALID,
} ZichaFeedbackError;

GQuark      zicha_feedback_error_quark          (void);

/* feedback.json for @feedback and its evidence (ZichaAttachment*,
 * field_path unused), canonical: the same fields give the same bytes. */
char       *zicha_feedback_document_to_string   (const ZichaFeedback  *feedback,
                                                 GPtrArray            *attachments);

/* The package of a feedback in the store, in memory. Its digest must be
 * the one recorded when the feedback was made (else
 * ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH: the store was changed). @digest
 * (nullable) gets it. */
GBytes     *zicha_feedback_package_build        (ZichaStore           *store,
                                                 const char           *feedback_uuid,
                                                 char                **digest,
                                                 GError              **error);

/* What a verified feedback package says. */
typedef struct
{
  char       *notice_id;
  char       *feedback_uuid;
  char       *unit_code;
  GDateTime  *created;
  gboolean    rectified;
  GDateTime  *rectified_at;   /* nullable */
  char       *actions;
  char       *contact_name;
  char       *contact_phone;
  char       *retest_result;
  GPtrArray  *attachments;    /* ZichaAttachment* */
  char       *digest;         /* SHA-256 of feedback.json */
} ZichaFeedbackInfo;

void        zicha_feedback_info_free            (ZichaFeedbackInfo    *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaFeedbackInfo, zicha_feedback_info_free)

/* Reads and checks @package completely: the ZIP and its limits (@limits
 * NULL: the default), exactly the entries of the layout, feedback.json
 * canonical and of the documented shape, every evidence entry against its
 * record. */
ZichaFeedbackInfo *zicha_feedback_package_verify (GBytes                    *package,
                                                  const ZichaPackageLimits  *limits,
                                                  GError                   **error);

G_END_DECLS
