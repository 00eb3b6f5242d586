package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.api.Test;

/**
 * QA and info records are read when first asked for, not at open: every corpus file gives the
 * records the C library reads (the reference dumps of libexodusII 6.02), threads racing on the
 * first call all get the one list, and the lists are read-only.
 */
class LazyRecordsTest {
  @Test
  void everyCorpusFileGivesTheCLibrarysRecords() throws Exception {
    List<Path> refs = ReferenceDump.all().toList();
    for (Path ref : refs) {
      ReferenceDump d = ReferenceDump.load(ref);
      try (ExodusFile f = ExodusFile.open(ReferenceDump.fileOf(ref))) {
        List<String> info = new ArrayList<>();
        for (String[] r : d.all("info")) info.add(r.length > 1 ? r[1] : "");
        assertEquals(info, f.infoRecords(), ref.toString());
        List<String[]> qa = d.all("qa");
        assertEquals(qa.size(), f.qaRecords().size(), ref.toString());
        for (int i = 0; i < qa.size(); i++) {
          QaRecord q = f.qaRecords().get(i);
          String[] r = qa.get(i);
          assertEquals(
              List.of(r).subList(1, 5),
              List.of(q.codeName(), q.codeVersion(), q.date(), q.time()),
              ref + " qa " + i);
        }
      }
    }
  }

  @Test
  void threadsRacingOnTheFirstCallGetOneList() throws Exception {
    Path moose =
        org.exodusj.internal.testutil.ExternalTools.corpus()
            .resolve(
                "mastodon__test__tests__bcs__seismic_displacement__gold__seismic_displacement_out.e");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        try (ExodusFile f = ExodusFile.open(moose)) {
          CountDownLatch go = new CountDownLatch(1);
          List<Future<List<String>>> info = new ArrayList<>();
          List<Future<List<QaRecord>>> qa = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            info.add(
                pool.submit(
                    () -> {
                      go.await();
                      return f.infoRecords();
                    }));
            qa.add(
                pool.submit(
                    () -> {
                      go.await();
                      return f.qaRecords();
                    }));
          }
          go.countDown();
          for (Future<List<String>> x : info) assertSame(info.get(0).get(), x.get());
          for (Future<List<QaRecord>> x : qa) assertSame(qa.get(0).get(), x.get());
          assertEquals(1001, info.get(0).get().size());
          assertEquals("####################", info.get(0).get().get(0));
          assertThrows(UnsupportedOperationException.class, () -> f.infoRecords().add("x"));
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
