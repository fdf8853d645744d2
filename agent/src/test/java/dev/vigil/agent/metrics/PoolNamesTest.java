package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolNamesTest {

  @Test
  void dropsTheWorkerCounterOfExecutorsDefaultThreadNames() {
    assertThat(PoolNames.fromThreadName("pool-3-thread-12", "x")).isEqualTo("pool-3-thread");
  }

  @Test
  void keepsDigitsInsideTheName() {
    assertThat(PoolNames.fromThreadName("http-nio-8080-exec-1", "x"))
        .isEqualTo("http-nio-8080-exec");
  }

  @Test
  void namesTheCommonPoolByItsThreadPrefix() {
    assertThat(PoolNames.fromThreadName("ForkJoinPool.commonPool-worker-3", "x"))
        .isEqualTo("ForkJoinPool.commonPool-worker");
  }

  @Test
  void keepsANameWithoutCounter() {
    assertThat(PoolNames.fromThreadName("scheduler", "x")).isEqualTo("scheduler");
  }

  @Test
  void fallsBackWhenTheNameIsOnlyACounter() {
    assertThat(PoolNames.fromThreadName("#42", "ThreadPoolExecutor-1f")).isEqualTo("ThreadPoolExecutor-1f");
  }
}
