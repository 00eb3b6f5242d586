/* Prints, for every ex_field_type of the linked Exodus 9.x library, what ex_field_utils.c says of
 * it: the value, ex_field_type_enum_to_string, ex_field_cardinality and, for the fixed types, the
 * suffix of each component (ex_field_component_suffix). The oracle of FieldTypeTest.
 *
 *   exfieldtypes     one line per type: CODE NAME CARDINALITY SUFFIX...   (tab separated)
 */
#include <exodusII.h>
#include <stdio.h>

int main(void) {
  for (int t = EX_FIELD_TYPE_INVALID; t <= EX_MATRIX_3X3; t++) {
    int card = ex_field_cardinality((ex_field_type)t);
    printf("%d\t%s\t%d", t, ex_field_type_enum_to_string((ex_field_type)t), card);
    if (card > 0 && t != EX_SCALAR) {
      ex_field f = {0};
      f.nesting = 1;
      f.type[0] = (ex_field_type)t;
      for (int c = 1; c <= card; c++) printf("\t%s", ex_field_component_suffix(&f, 0, c));
    }
    printf("\n");
  }
  return 0;
}
