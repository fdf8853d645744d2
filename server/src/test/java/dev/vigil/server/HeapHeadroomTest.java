package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapHeadroomTest {

  private static final long MIB = 1L << 20;

  @Test
  void keepsHalfTheHeapFreeForASmallServer() {
    // 2,000 series: ~12 MiB live, the heap twice that, as before the headroom followed the data.
    assertThat(HeapHeadroom.maxFreeRatio(12 * MIB)).isEqualTo(50);
    assertThat(HeapHeadroom.heapFor(12 * MIB)).isEqualTo(24 * MIB);
    assertThat(HeapHeadroom.maxFreeRatio(32 * MIB)).isEqualTo(50);
  }

  @Test
  void keepsTheFloorOfHeadroomAsTheDataGrowsPastIt() {
    assertThat(HeapHeadroom.maxFreeRatio(64 * MIB)).isEqualTo(34); // 32 of 96 MiB, rounded up
    assertThat(HeapHeadroom.heapFor(64 * MIB)).isBetween(96 * MIB, 97 * MIB);
  }

  @Test
  void keepsAQuarterOfTheDataFreeForALargeServer() {
    assertThat(HeapHeadroom.maxFreeRatio(400 * MIB)).isEqualTo(20);
    assertThat(HeapHeadroom.heapFor(400 * MIB)).isEqualTo(500 * MIB);
    assertThat(HeapHeadroom.maxFreeRatio(8000 * MIB)).isEqualTo(20);
  }

  @Test
  void keepsHalfWhileTheDataIsUnknown() {
    assertThat(HeapHeadroom.maxFreeRatio(0)).isEqualTo(50);
    assertThat(HeapHeadroom.maxFreeRatio(-1)).isEqualTo(50);
  }

  @Test
  void neverLeavesLessThanTheFloorFree() {
    for (long live = MIB; live <= 4096 * MIB; live += 7 * MIB) {
      long heap = HeapHeadroom.heapFor(live);
      assertThat(heap - live)
          .as("headroom for %d MiB live", live / MIB)
          .isGreaterThanOrEqualTo(Math.min(HeapHeadroom.FLOOR_BYTES, live) - MIB);
    }
  }
}
