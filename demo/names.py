"""Word lists for the demo congress of Thái Bình province (DOMAIN.md, 'Realistic demo data')."""

FAMILY = [("Nguyễn", 30), ("Trần", 11), ("Lê", 8), ("Phạm", 9), ("Hoàng", 4), ("Vũ", 8), ("Đặng", 4),
          ("Bùi", 6), ("Đỗ", 5), ("Hồ", 1), ("Ngô", 3), ("Dương", 2), ("Đinh", 2), ("Mai", 2), ("Tô", 1),
          ("Lại", 1), ("Phan", 2), ("Cao", 1), ("Đào", 2), ("Lương", 1)]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Thanh", "Xuân", "Đình", "Công",
               "Trọng", "Mạnh", "Tiến", "Duy", "Quốc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Thanh", "Thị Minh", "Thị Ngọc", "Thị Hồng", "Thu", "Ngọc",
                 "Phương", "Thanh", "Thị Kim", "Thị Hải"]
GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Quân", "Thắng", "Cường", "Hưng", "Phong", "Sơn",
              "Trung", "Khánh", "Hoàng", "Tùng", "Đạt", "Hiếu", "Thành", "Vinh", "Huy", "Bình", "Toàn", "Lâm",
              "Nghĩa", "Quý", "Hoà", "Tiến", "Lợi", "Đức", "Thịnh", "Chiến", "Kiên", "Tú", "Việt", "Hoàn"]
GIVEN_FEMALE = ["Lan", "Hương", "Hoa", "Huệ", "Mai", "Hằng", "Nga", "Thảo", "Trang", "Linh", "Yến", "Hạnh",
                "Dung", "Phương", "Thủy", "Loan", "Nhung", "Oanh", "Vân", "Ngọc", "Giang", "Hà", "Liên",
                "Huyền", "Thoa", "Duyên", "Lụa", "Xuân", "Ánh", "Tâm"]

DISTRICTS = {
    "thành phố Thái Bình": ["phường Lê Hồng Phong", "phường Bồ Xuyên", "phường Tiền Phong", "xã Vũ Phúc"],
    "huyện Đông Hưng": ["xã Đông Hợp", "xã Đông La", "xã Minh Tân", "thị trấn Đông Hưng"],
    "huyện Hưng Hà": ["xã Tân Lễ", "xã Canh Tân", "thị trấn Hưng Hà", "xã Hòa Tiến"],
    "huyện Kiến Xương": ["xã Vũ Quý", "xã Bình Thanh", "thị trấn Kiến Xương", "xã Quang Trung"],
    "huyện Quỳnh Phụ": ["xã Quỳnh Hải", "xã An Thái", "thị trấn Quỳnh Côi", "xã Quỳnh Hồng"],
    "huyện Thái Thụy": ["xã Thụy Trình", "xã Thái Thượng", "thị trấn Diêm Điền", "xã Thụy Hải"],
    "huyện Tiền Hải": ["xã Nam Trung", "xã Đông Trà", "thị trấn Tiền Hải", "xã Nam Thịnh"],
    "huyện Vũ Thư": ["xã Vũ Hội", "xã Song Lãng", "thị trấn Vũ Thư", "xã Tam Quang"],
}
DEPARTMENTS = ["Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Nông nghiệp và Môi trường",
               "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng", "Sở Khoa học và Công nghệ"]
FORCES = ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]
MASS_ORGS = ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh Đoàn Thái Bình", "Hội Nông dân tỉnh", "Liên đoàn Lao động tỉnh",
             "Hội Cựu chiến binh tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
SCHOOLS = ["Trường THPT Chuyên Thái Bình", "Trường THPT Nguyễn Đức Cảnh", "Trường Đại học Thái Bình",
           "Trường Cao đẳng Y tế Thái Bình", "Trường THCS Lê Quý Đôn", "Trường Tiểu học Kỳ Bá"]
HOSPITALS = ["Bệnh viện Đa khoa tỉnh", "Bệnh viện Nhi Thái Bình", "Bệnh viện Phụ sản Thái Bình",
             "Trung tâm Y tế huyện Vũ Thư", "Trung tâm Kiểm soát bệnh tật tỉnh"]
COOPERATIVES = ["HTX Nông nghiệp Đông Xuân", "HTX Dịch vụ nông nghiệp Vũ Hội", "HTX Thủy sản Thụy Hải",
                "HTX Chiếu cói Hới Tân Lễ"]
COMPANIES = ["Công ty CP Giống cây trồng Thái Bình", "Công ty TNHH May Sông Hồng Thái Bình",
             "Công ty Điện lực Thái Bình", "Công ty CP Bia Hà Nội - Thái Bình", "Công ty TNHH Tôn Hoa Sen",
             "Công ty Nhiệt điện Thái Bình"]

ETHNIC_MINORITIES = ["Mường", "Tày", "Thái", "Nùng"]
SECTORS = {
    "cán bộ": ["Đảng, đoàn thể", "Quản lý nhà nước"],
    "chiến sĩ": ["Quốc phòng, an ninh"],
    "nhân viên": ["Giáo dục", "Y tế", "Văn hóa, thể thao"],
    "công nhân": ["Công nghiệp", "Năng lượng"],
    "nông dân": ["Nông nghiệp", "Thủy sản"],
    "người lao động trực tiếp": ["Dịch vụ", "Thủ công mỹ nghệ", "Xây dựng"],
}

AWARD_GROUPS = [
    # (award form, number of recipients, collective?, decision number, authority)
    ("Huân chương Lao động hạng Ba", 8, False, "1025/QĐ-CTN", "Chủ tịch nước"),
    ("Bằng khen của Thủ tướng Chính phủ", 18, False, "845/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Cờ thi đua của Ủy ban nhân dân tỉnh", 14, True, "1502/QĐ-UBND", "Ủy ban nhân dân tỉnh Thái Bình"),
    ("Chiến sĩ thi đua cấp tỉnh", 20, False, "1498/QĐ-UBND", "Ủy ban nhân dân tỉnh Thái Bình"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (tập thể)", 25, True, "1510/QĐ-UBND",
     "Chủ tịch Ủy ban nhân dân tỉnh Thái Bình"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (cá nhân)", 35, False, "1511/QĐ-UBND",
     "Chủ tịch Ủy ban nhân dân tỉnh Thái Bình"),
]

SPEECH_TOPICS = [
    ("Hợp tác xã Dịch vụ nông nghiệp Vũ Hội", True, None,
     "Đẩy mạnh cơ giới hóa, xây dựng cánh đồng mẫu lớn, nâng cao thu nhập cho xã viên", 7),
    ("Công an tỉnh Thái Bình", True, None,
     "Phong trào thi đua Vì an ninh Tổ quốc gắn với xây dựng lực lượng Công an chính quy, tinh nhuệ", 7),
    (None, False, "Giáo viên, Trường THPT Chuyên Thái Bình",
     "Đổi mới phương pháp dạy học, bồi dưỡng học sinh giỏi quốc gia", 6),
    (None, False, "Bác sĩ, Bệnh viện Đa khoa tỉnh", "Ứng dụng kỹ thuật cao trong cấp cứu đột quỵ tại tuyến tỉnh", 6),
    ("Công ty TNHH May Sông Hồng Thái Bình", True, None,
     "Chăm lo đời sống người lao động, phong trào Lao động giỏi, lao động sáng tạo", 6),
]
