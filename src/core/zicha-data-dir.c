/* zicha-data-dir.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zicha-data-dir.h"

char *
zicha_data_dir_find_file (const char *subdir,
                          const char *name)
{
  const char *environment = g_getenv ("ZICHA_DATADIR");
  const char *roots[] = { environment, PKGDATADIR, SOURCE_DATADIR };

  g_return_val_if_fail (subdir != NULL && name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *path = NULL;

      if (roots[i] == NULL || *roots[i] == '\0')
        continue;

      path = g_build_filename (roots[i], subdir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}
