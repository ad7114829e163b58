package io.oms.inventory.domain;

import io.oms.kernel.Sku;
import io.oms.kernel.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One row of an inventory import (a stock take): what is on hand of a SKU, and the safety stock to keep. */
public record LevelCount(String sku, int onHand, int safetyStock) {

    /**
     * Checks an import before anything is written; a refusal names the row ({@code levels[i].field}). SKUs are
     * normalised and may appear once.
     */
    public static List<LevelCount> validate(List<LevelCount> rows, int maxRows, int maxQuantity) {
        if (rows == null || rows.isEmpty()) {
            throw new ValidationException("levels", "an import needs at least one row");
        }
        if (rows.size() > maxRows) {
            throw new ValidationException("levels", "an import may have at most " + maxRows + " rows");
        }
        List<LevelCount> valid = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            LevelCount row = rows.get(i);
            String prefix = "levels[" + i + "].";
            String sku = Sku.validate(row == null ? null : row.sku(), prefix + "sku");
            if (!seen.add(sku)) {
                throw new ValidationException(prefix + "sku", sku + " appears more than once in this import");
            }
            if (row.onHand() < 0 || row.onHand() > maxQuantity) {
                throw new ValidationException(prefix + "onHand", "onHand must be between 0 and " + maxQuantity);
            }
            if (row.safetyStock() < 0 || row.safetyStock() > maxQuantity) {
                throw new ValidationException(
                        prefix + "safetyStock", "safetyStock must be between 0 and " + maxQuantity);
            }
            valid.add(new LevelCount(sku, row.onHand(), row.safetyStock()));
        }
        return List.copyOf(valid);
    }
}
