package org.exodusj;

import java.nio.file.Path;
import org.exodusj.internal.model.ExodusModel;
import org.exodusj.internal.model.ExodusModel.VarKind;

/**
 * What {@link ExodusUpdater} checks of a file's model before it writes anything: a file the reader
 * opens but whose Exodus structure is damaged where an update writes (steps counted without their
 * times, nodal or global variables named without their values) is refused with an {@link
 * ExodusFormatException} naming the file and the place, the file untouched, instead of failing
 * after an earlier write or commit.
 */
final class UpdateChecks {
  private UpdateChecks() {}

  static void check(Path path, ExodusModel model) throws ExodusFormatException {
    String file = path.toString();
    if (model.timeVar == null && model.timeSteps() > 0) {
      throw new ExodusFormatException(
          file,
          "time steps",
          ExodusFormatException.NO_OFFSET,
          "the file counts "
              + model.timeSteps()
              + " steps but stores no time values (time_whole); the updater leaves it unchanged");
    }
    for (EntityType kind : new EntityType[] {EntityType.NODAL, EntityType.GLOBAL}) {
      VarKind k = model.variables.get(kind);
      if (k == null || k.legacyPacked() || k.names().isEmpty()) continue;
      for (int v = 0; v < k.names().size(); v++) {
        if (kind == EntityType.GLOBAL ? k.values()[0][0] == null : k.values()[0][v] == null) {
          throw new ExodusFormatException(
              file,
              kind + " variable " + v + " (" + k.names().get(v) + ")",
              ExodusFormatException.NO_OFFSET,
              "named but not stored; the updater leaves the file unchanged");
        }
      }
    }
  }
}
