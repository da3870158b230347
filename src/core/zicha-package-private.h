/* zicha-package-private.h — shared by the files that make up .zicha
 * packages: the layout, the manifest, the safe ZIP reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zicha-answers.h"
#include "zicha-package.h"

G_BEGIN_DECLS

/* The layout (docs/package-format.md, "Layout") */
#define ZICHA_PACKAGE_MANIFEST_PATH     "manifest.json"
#define ZICHA_PACKAGE_ANSWERS_PATH      "answers.json"
#define ZICHA_PACKAGE_TABLE_PDF_PATH    "documents/table.pdf"
#define ZICHA_PACKAGE_REPORT_PDF_PATH   "documents/report.pdf"
#define ZICHA_PACKAGE_ATTACHMENTS_DIR   "attachments/"
#define ZICHA_PACKAGE_DOCUMENTS_DIR     "documents/"

/* Whether @path is a file the layout has: manifest, answers, the two
 * documents, or "attachments/" + a lower-case UUID. */
gboolean  _zicha_package_is_layout_file       (const char  *path);
/* "attachments/<uuid>", newly allocated. */
char     *_zicha_package_attachment_path      (const char  *attachment_uuid);
/* A UUID as Zicha writes them: valid and lower-case. */
gboolean  _zicha_package_is_lower_uuid        (const char  *text);

/* Whether an attachment's link fits @form: its field path is one of the
 * form's items, written as zicha_form_item_get_path() writes it; a row
 * only on a table or a column, and always on a column. Export and import
 * check the same, so every exported package imports.
 * ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT otherwise. */
gboolean  _zicha_package_check_attachment     (ZichaForm              *form,
                                               const ZichaAttachment  *attachment,
                                               GError                **error);

/* The manifest ---------------------------------------------------------- */

typedef struct
{
  char   *path;
  gint64  size;
  char   *sha256;
} ZichaPackageEntry;

typedef struct
{
  gint64            format_version;
  GDateTime        *created;         /* of the package */
  char             *app_version;

  char             *form_id;
  guint             form_version;

  char             *report_uuid;
  int               revision;
  int               year;
  ZichaReportState  state;           /* DRAFT or FINALIZED */
  char             *unit_name;
  char             *unit_code;
  char             *based_on_uuid;   /* nullable */
  GDateTime        *report_created;
  GDateTime        *finalized;       /* NULL for a draft */
  char             *digest;

  GPtrArray        *entries;         /* ZichaPackageEntry*, every entry but the manifest */
  GPtrArray        *attachments;     /* ZichaAttachment* */
} ZichaPackageManifest;

ZichaPackageManifest *_zicha_package_manifest_new         (void);
void                  _zicha_package_manifest_free        (ZichaPackageManifest  *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPackageManifest, _zicha_package_manifest_free)

/* Records @contents as the entry @path: its size and SHA-256. */
void                  _zicha_package_manifest_add_entry   (ZichaPackageManifest  *manifest,
                                                           const char            *path,
                                                           GBytes                *contents);
const ZichaPackageEntry *_zicha_package_manifest_lookup_entry (ZichaPackageManifest *manifest,
                                                              const char           *path);
/* Canonical JSON (zicha-canonical-json.h). */
char                 *_zicha_package_manifest_to_string   (ZichaPackageManifest  *manifest);
/* Strict: every member known, typed and in range.
 * ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST or _UNSUPPORTED_VERSION. */
ZichaPackageManifest *_zicha_package_manifest_parse       (const char            *text,
                                                           gsize                  length,
                                                           GError               **error);

/* The safe ZIP reader --------------------------------------------------- */

/* Reads every entry of the ZIP in @package into memory, enforcing
 * @limits while decompressing and refusing (with the codes above) what
 * is not a plain file of the layout. Returns path → GBytes, each
 * followed in memory by a NUL byte it does not count (so its data is never
 * NULL and text parsers cannot run past it); the directories
 * "attachments/" and "documents/" are accepted and left out. */
GHashTable           *_zicha_package_read_entries         (GBytes                    *package,
                                                           const ZichaPackageLimits  *limits,
                                                           GError                   **error);

/* The same for another layout (a feedback package): @is_layout_file says
 * which file names it has. */
typedef gboolean (*ZichaPackageLayoutFunc) (const char *path);
GHashTable           *_zicha_package_read_entries_full    (GBytes                    *package,
                                                           const ZichaPackageLimits  *limits,
                                                           ZichaPackageLayoutFunc     is_layout_file,
                                                           GError                   **error);

/* Verification without a store (zicha-package-verify.c) ---------------- */

/* A package that passed every check import makes before it looks at the
 * store. */
typedef struct
{
  GHashTable           *entries;   /* path → GBytes, as _zicha_package_read_entries() gives them */
  ZichaPackageManifest *manifest;
  ZichaForm            *form;      /* the one of the forms given that the package is for */
  ZichaAnswers         *answers;   /* parsed from answers.json, which is canonical */
} ZichaPackageContents;

/* Reads and checks @package: the ZIP, the manifest, the form (one of
 * @forms, else UNKNOWN_FORM), every entry against the manifest, the
 * attachment records, the answers, canonical form and the digest. */
ZichaPackageContents *_zicha_package_read_verified        (GBytes                    *package,
                                                           ZichaForm * const         *forms,
                                                           guint                      n_forms,
                                                           const ZichaPackageLimits  *limits,
                                                           GError                   **error);
void                  _zicha_package_contents_free        (ZichaPackageContents      *contents);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPackageContents, _zicha_package_contents_free)

G_END_DECLS
