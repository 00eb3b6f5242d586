package org.exodusj.internal.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data section of {@code ncdump -p 9,17 FILE} (netCDF-C's own reading, at full precision)
 * parsed into tokens per variable: numbers as text, {@code _} for fill values, and strings (char
 * rows) as their bytes. The oracle for every value of the real corpus.
 */
public final class NcdumpData {
  /** One token: a number or "_" ({@code text}), or a char row ({@code bytes}). */
  public record Token(String text, byte[] bytes) {
    public boolean isString() {
      return bytes != null;
    }
  }

  private NcdumpData() {}

  /** Variable name to its tokens, in file order. */
  public static Map<String, List<Token>> of(Path file) throws Exception {
    String dump = ExternalTools.run("ncdump", "-p", "9,17", file.toString());
    int data = dump.indexOf("\ndata:\n");
    Map<String, List<Token>> out = new LinkedHashMap<>();
    if (data < 0) {
      return out;
    }
    String s = dump.substring(data + 7);
    int i = 0;
    while (i < s.length()) {
      // " name = values ;"
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      if (i >= s.length() || s.charAt(i) == '}') break;
      int eq = s.indexOf(" =", i);
      String name = unescapeName(s.substring(i, eq).trim());
      i = eq + 2;
      List<Token> tokens = new ArrayList<>();
      StringBuilder num = new StringBuilder();
      while (true) {
        char c = s.charAt(i);
        if (c == '"') {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          i++;
          while (s.charAt(i) != '"') {
            char d = s.charAt(i);
            if (d == '\\') {
              char e = s.charAt(i + 1);
              if (e >= '0' && e <= '7') {
                int end = i + 1;
                while (end < i + 4 && s.charAt(end) >= '0' && s.charAt(end) <= '7') end++;
                b.write(Integer.parseInt(s.substring(i + 1, end), 8));
                i = end;
                continue;
              }
              b.write(
                  switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 0x0B;
                    case 'a' -> 0x07;
                    default -> e;
                  });
              i += 2;
              continue;
            }
            byte[] utf = String.valueOf(d).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            b.write(utf, 0, utf.length);
            i++;
          }
          i++;
          tokens.add(new Token(null, b.toByteArray()));
        } else if (c == ',' || c == ';' || Character.isWhitespace(c)) {
          if (num.length() > 0) {
            tokens.add(new Token(num.toString(), null));
            num.setLength(0);
          }
          i++;
          if (c == ';') break;
        } else {
          num.append(c);
          i++;
        }
      }
      out.put(name, tokens);
    }
    return out;
  }

  private static String unescapeName(String n) {
    return n.replaceAll("\\\\(.)", "$1");
  }
}
