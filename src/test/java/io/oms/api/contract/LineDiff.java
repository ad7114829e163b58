package io.oms.api.contract;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) printed as -/+ lines with two lines of context, for test failures. */
final class LineDiff {
    private static final int CONTEXT = 2;

    private LineDiff() {}

    static String unified(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i]);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
                lines.add("+ " + b[j++]);
            } else {
                lines.add("- " + a[i++]);
            }
        }
        StringBuilder out = new StringBuilder();
        int lastPrinted = -1;
        for (int k = 0; k < lines.size(); k++) {
            boolean near = false;
            for (int d = Math.max(0, k - CONTEXT); d <= Math.min(lines.size() - 1, k + CONTEXT) && !near; d++) {
                near = !lines.get(d).startsWith("  ");
            }
            if (near) {
                if (lastPrinted >= 0 && lastPrinted < k - 1) {
                    out.append("  ...\n");
                }
                out.append(lines.get(k)).append('\n');
                lastPrinted = k;
            }
        }
        return out.toString();
    }
}
