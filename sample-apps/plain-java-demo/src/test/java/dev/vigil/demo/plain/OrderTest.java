package dev.vigil.demo.plain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderTest {

  @Test
  void paysFullPriceBelowThreeItems() {
    assertThat(new Order(1, 1, "p", 2, 250, 0).totalCents()).isEqualTo(500);
  }

  @Test
  void takesFivePercentOffFromThreeItemsRoundingHalfUp() {
    // 3 x 1.50 = 4.50, less 5 % = 4.275, rounded half up to 4.28.
    assertThat(new Order(1, 1, "p", 3, 150, 0).totalCents()).isEqualTo(428);
  }
}
