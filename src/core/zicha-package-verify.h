/* zicha-package-verify.h — checks a .zicha package completely without a
 * store: what the platform runs before it accepts a delivery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks are exactly those zicha_package_import() runs before it
 * looks at the store (docs/package-format.md, "What import refuses", every
 * code but CONFLICT): the ZIP and its limits, the manifest, the form,
 * every entry's size and SHA-256, the attachment records, the answers
 * against the form, canonical answers.json, and the recomputed digest.
 * Import is built on the same code, so the two cannot disagree.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-form.h"
#include "zicha-package.h"
#include "zicha-report.h"

G_BEGIN_DECLS

/* What a verified package says about its report. */
typedef struct
{
  char             *report_uuid;
  char             *unit_code;      /* may be "" */
  char             *unit_name;      /* may be "" */
  char             *digest;         /* verified: recomputed from the contents */
  char             *form_id;
  guint             form_version;
  ZichaReportState  state;          /* ZICHA_REPORT_DRAFT or ZICHA_REPORT_FINALIZED */
  int               revision;
  int               year;
  char             *based_on_uuid;  /* nullable */
  GDateTime        *created;        /* of the report */
  GDateTime        *finalized;      /* NULL for a draft */
  guint             n_attachments;
} ZichaPackageInfo;

void              zicha_package_info_free          (ZichaPackageInfo          *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPackageInfo, zicha_package_info_free)

/* Verifies @package against @form (the package must be for its id and
 * version, else ZICHA_PACKAGE_ERROR_UNKNOWN_FORM). @limits NULL: the
 * default limits. Errors are in the ZICHA_PACKAGE_ERROR domain. */
ZichaPackageInfo *zicha_package_verify             (GBytes                    *package,
                                                    ZichaForm                 *form,
                                                    const ZichaPackageLimits  *limits,
                                                    GError                   **error);
/* The same for whichever of @forms (ZichaForm*) the package names. */
ZichaPackageInfo *zicha_package_verify_with_forms  (GBytes                    *package,
                                                    GPtrArray                 *forms,
                                                    const ZichaPackageLimits  *limits,
                                                    GError                   **error);

/* The lower-case name of a ZichaPackageError code, as the platform API
 * reports it ("hash_mismatch"); "unknown" for another value. */
const char       *zicha_package_error_to_string    (ZichaPackageError          code);

G_END_DECLS
