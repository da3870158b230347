/* fuzz-replay.c — feeds every file of the fuzz corpus through the package
 * import fuzz target, in any build, so CI replays it without clang
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-replay DIR…  Every file goes through LLVMFuzzerTestOneInput()
 * (a crash or a sanitizer report fails the test). Files named valid-*
 * are seeds written by make-seed-corpus and must import: if they stop
 * importing, the fuzzer would only ever see the ZIP layer.
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-fuzz"

#include <stdio.h>

#include "fuzz-package-import.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_file (const char *path,
             guint      *n_valid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return FALSE;
    }

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);

  if (!g_str_has_prefix (name, "valid-"))
    return TRUE;

  (*n_valid)++;
  if (!fuzz_package_import ((const uint8_t *) contents, length, &error))
    {
      fprintf (stderr, "%s: a seed package no longer imports: %s\n", path, error->message);
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n_files = 0;
  guint n_valid = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DIR…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }

      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (argv[i], names->pdata[j], NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          n_files++;
          ok = replay_file (path, &n_valid) && ok;
        }
    }

  printf ("Replayed %u files, %u of them seed packages that import.\n", n_files, n_valid);
  if (n_valid == 0)
    {
      fprintf (stderr, "No seed packages (valid-*) found: run `ninja fuzz-seed-corpus`.\n");
      return 1;
    }

  return ok ? 0 : 1;
}
