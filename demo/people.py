"""Made-up people for the demo and the benchmarks: names that look like a Thái Bình list, and a post (title, unit)
that fits each occupation group."""
from demo import names as D


def weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


class People:
    """Names that look like a Thái Bình list: common family names, 'Thị' for most women, no duplicates."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def name(self, female: bool) -> str:
        for _ in range(50):
            middle = self.rng.choice(D.MIDDLE_FEMALE if female else D.MIDDLE_MALE)
            given = self.rng.choice(D.GIVEN_FEMALE if female else D.GIVEN_MALE)
            full = f"{weighted(self.rng, D.FAMILY)} {middle} {given}"
            if full not in self.used:
                self.used.add(full)
                return full
        return full


def _commune(rng):
    district = rng.choice(list(D.DISTRICTS))
    return f"{rng.choice(D.DISTRICTS[district])}, {district}"


def made_up_post(rng, group: str, female: bool) -> tuple[str, str]:
    """A (title, unit) pair that fits the occupation group."""
    if group == "cán bộ":
        place = rng.choice(["commune", "department", "mass"])
        if place == "commune":
            return rng.choice(["Chủ tịch UBND", "Bí thư Đảng ủy", "Phó Chủ tịch UBND", "Chủ tịch UBMTTQ"]), \
                f"UBND {_commune(rng)}"
        if place == "department":
            return rng.choice(["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Chánh Văn phòng"]), rng.choice(D.DEPARTMENTS)
        return rng.choice(["Chủ tịch", "Phó Chủ tịch", "Trưởng ban"]), rng.choice(D.MASS_ORGS)
    if group == "chiến sĩ":
        return rng.choice(["Đại úy", "Thiếu tá", "Trung tá", "Thượng úy", "Thượng tá"]), rng.choice(D.FORCES)
    if group == "nhân viên":
        if rng.random() < 0.5:
            return rng.choice(["Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng"]), rng.choice(D.SCHOOLS)
        return rng.choice(["Bác sĩ", "Điều dưỡng trưởng", "Dược sĩ", "Trưởng khoa"]), rng.choice(D.HOSPITALS)
    if group == "công nhân":
        return rng.choice(["Công nhân", "Tổ trưởng sản xuất", "Kỹ sư", "Công nhân kỹ thuật"]), rng.choice(D.COMPANIES)
    if group == "nông dân":
        if rng.random() < 0.4:
            return rng.choice(["Chủ nhiệm", "Xã viên"]), rng.choice(D.COOPERATIVES)
        return "Nông dân sản xuất giỏi", _commune(rng)
    return rng.choice(["Chủ hộ kinh doanh", "Thợ cả", "Nghệ nhân", "Lao động tự do"]), _commune(rng)
