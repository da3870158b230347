/* zicha-package.h — .zicha packages: one report, its answers, evidence and
 * documents in one ZIP file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout, the report digest and the limits are in
 * docs/package-format.md. Export writes what the store holds; import trusts
 * nothing in the file: every refusal has its own error code, and a refused
 * package changes nothing in the store.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-form.h"
#include "zicha-report.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define ZICHA_PACKAGE_ERROR (zicha_package_error_quark ())

typedef enum
{
  ZICHA_PACKAGE_ERROR_NOT_A_ZIP,           /* no ZIP signature at the start */
  ZICHA_PACKAGE_ERROR_TRUNCATED,           /* the end of the ZIP is missing */
  ZICHA_PACKAGE_ERROR_DAMAGED,             /* a ZIP the reader cannot read: bad CRC, unknown method, encryption */
  ZICHA_PACKAGE_ERROR_TOO_LARGE,           /* the package file is over the limit */
  ZICHA_PACKAGE_ERROR_PATH_TRAVERSAL,      /* a ".." in an entry name */
  ZICHA_PACKAGE_ERROR_ABSOLUTE_PATH,       /* "/…", "\…" or "C:…" */
  ZICHA_PACKAGE_ERROR_NOT_A_FILE,          /* symlink, hard link, device, FIFO, socket */
  ZICHA_PACKAGE_ERROR_DUPLICATE_ENTRY,
  ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE,     /* one entry over the limit, as read */
  ZICHA_PACKAGE_ERROR_TOO_MANY_ENTRIES,
  ZICHA_PACKAGE_ERROR_TOTAL_TOO_LARGE,     /* all entries together, as read (zip bomb) */
  ZICHA_PACKAGE_ERROR_MISSING_ENTRY,       /* manifest.json, answers.json, or one the manifest lists */
  ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,    /* an entry the layout or the manifest does not have */
  ZICHA_PACKAGE_ERROR_HASH_MISMATCH,       /* an entry's size or SHA-256 is not what the manifest says */
  ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST,  /* not JSON, or not the manifest's shape */
  ZICHA_PACKAGE_ERROR_UNSUPPORTED_VERSION, /* a newer package format_version */
  ZICHA_PACKAGE_ERROR_UNKNOWN_FORM,        /* for a form id or version this build does not have */
  ZICHA_PACKAGE_ERROR_MALFORMED_ANSWERS,   /* answers.json is not JSON */
  ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT,  /* answers or attachments the form cannot hold */
  ZICHA_PACKAGE_ERROR_NOT_CANONICAL,       /* answers.json is not written canonically */
  ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH,     /* the recomputed digest differs */
  ZICHA_PACKAGE_ERROR_CONFLICT,            /* the store has this report UUID with other contents */
  ZICHA_PACKAGE_ERROR_WRITE_FAILED,        /* export: the ZIP could not be written */
} ZichaPackageError;

GQuark zicha_package_error_quark (void);

/* The manifest "format_version" this build writes and the newest it reads. */
#define ZICHA_PACKAGE_FORMAT_VERSION 1

/* Limits (docs/package-format.md, "Limits"). Export refuses to write a
 * package that import would refuse. */
#define ZICHA_PACKAGE_MAX_ENTRY_SIZE  ((gsize) ZICHA_STORE_MAX_ATTACHMENT_SIZE)  /* 64 MiB */
#define ZICHA_PACKAGE_MAX_TOTAL_SIZE  ((gsize) 256 * 1024 * 1024)                /* uncompressed */
#define ZICHA_PACKAGE_MAX_SIZE        ((gsize) 272 * 1024 * 1024)                /* the file */
#define ZICHA_PACKAGE_MAX_ENTRIES     1024u

typedef struct
{
  gsize max_package_size;  /* bytes of the .zicha file */
  guint max_entries;       /* ZIP entries, directories included */
  gsize max_entry_size;    /* one entry, uncompressed, counted while reading */
  gsize max_total_size;    /* all entries, uncompressed, counted while reading */
} ZichaPackageLimits;

/* The limits above. */
const ZichaPackageLimits *zicha_package_limits_default (void);

/* Writes the package of @report_uuid to @output_path: through a temporary
 * file beside it that is renamed over it at the end, so a failure leaves no
 * half-written package. @form must be the report's form. A finalized
 * report's recorded digest must equal the one recomputed from its
 * contents. @table_pdf and @report_pdf (nullable) become
 * documents/table.pdf and documents/report.pdf. If @digest is not NULL it
 * gets the report digest. */
gboolean     zicha_package_export        (ZichaStore               *store,
                                          ZichaForm                *form,
                                          const char               *report_uuid,
                                          GBytes                   *table_pdf,
                                          GBytes                   *report_pdf,
                                          const char               *output_path,
                                          GError                  **error);
gboolean     zicha_package_export_full   (ZichaStore               *store,
                                          ZichaForm                *form,
                                          const char               *report_uuid,
                                          GBytes                   *table_pdf,
                                          GBytes                   *report_pdf,
                                          const char               *output_path,
                                          char                    **digest,
                                          GError                  **error);

typedef enum
{
  ZICHA_PACKAGE_IMPORT_NEW,               /* the report was added */
  ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT,   /* the same report was there already: nothing changed */
  ZICHA_PACKAGE_IMPORT_FINALIZED_DRAFT,   /* the store had it as a draft with the same contents;
                                           * the package's finalization was applied to it */
} ZichaPackageImportOutcome;

/* Imports the package at @path. @form is the form this build knows (the
 * default form); packages for another form id or version are refused.
 * Returns the report: the new one, or the one already in the store when
 * the same package (same UUID, same digest) was imported before. A
 * finalized package becomes a finalized report with its digest, a draft a
 * draft. */
ZichaReport *zicha_package_import        (ZichaStore               *store,
                                          ZichaForm                *form,
                                          const char               *path,
                                          GError                  **error);

/* Reads a package file into memory, refusing anything but a regular file
 * of at most ZICHA_PACKAGE_MAX_SIZE bytes. */
GBytes      *zicha_package_load_file     (const char               *path,
                                          GError                  **error);

/* Import from memory. @limits NULL: the default limits. @outcome
 * (nullable) tells what happened. */
ZichaReport *zicha_package_import_bytes  (ZichaStore               *store,
                                          ZichaForm                *form,
                                          GBytes                   *package,
                                          const ZichaPackageLimits *limits,
                                          ZichaPackageImportOutcome *outcome,
                                          GError                  **error);

G_END_DECLS
