-- Star levels (星级志愿者) commonly used by regions: ★100 h · ★★300 h · ★★★600 h · ★★★★1000 h ·
-- ★★★★★1500 h; 10 points per approved hour. Regions add their own rows (province code as key).
INSERT INTO region_settings (region, star_thresholds_hours, points_per_hour)
VALUES ('default', ARRAY[100, 300, 600, 1000, 1500], 10)
ON CONFLICT (region) DO NOTHING;
