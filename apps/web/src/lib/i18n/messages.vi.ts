/**
 * Every sentence of the meeting screens in Vietnamese, the interface's first language.
 * `messages.en.ts` has the same shape in English. Names the domain already gives in both
 * languages (attendance states, body kinds) come from the domain, not from here.
 */
export const vi = {
  app: {
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch the interface to English',
    myMeetings: 'Cuộc họp',
    navLabel: 'Điều hướng',
    setup: 'Thiết lập',
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    pair: 'Ghép máy tính bảng',
  },
  signIn: {
    title: 'Đăng nhập',
    intro:
      'Dành cho văn phòng, chủ tọa, thư ký và người theo dõi. Đại biểu dùng máy tính bảng đã được văn phòng ghép sẵn:',
    pairLink: 'nhập mã ghép',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    busy: 'Đang đăng nhập…',
  },
  pair: {
    title: 'Ghép máy tính bảng',
    intro:
      'Quét mã QR văn phòng đưa, hoặc nhập mã 8 ký tự. Sau khi ghép, máy tính bảng này đăng nhập với tư cách đại biểu được ghép.',
    code: 'Mã ghép',
    device: 'Tên máy (không bắt buộc)',
    deviceHint: 'Ví dụ: Máy số 7',
    submit: 'Ghép máy',
    busy: 'Đang ghép…',
    rescan: 'Mã đã hết hạn hoặc đã dùng? Xin văn phòng mã mới rồi quét lại.',
  },
  delegate: {
    hello: (name: string) => `Xin chào, ${name}`,
    ready:
      'Máy tính bảng này đã sẵn sàng. Chọn phiên họp bên dưới; chương trình, điểm danh và biểu quyết hiện tại đó khi chủ tọa khai mạc.',
  },
  errorPage: {
    title: 'Có lỗi',
    notFound: 'Không tìm thấy trang này',
    notFoundHelp: 'Kiểm tra lại đường dẫn hoặc quay về',
    home: 'trang chủ',
    failed: 'Không tải được trang',
    failedHelp:
      'Máy chủ chưa trả lời được. Hãy tải lại trang sau ít phút; nếu vẫn lỗi, báo cho bộ phận kỹ thuật.',
  },
  connection: {
    online: 'Đã kết nối',
    connecting: 'Đang kết nối…',
    offline: 'Mất kết nối. Đang tự kết nối lại; thao tác của bạn sẽ được gửi khi có mạng.',
    pending: (count: number) => `${count} thao tác đang được xử lý`,
    refused:
      'Tài khoản này không tham dự phiên họp này. Hãy đăng xuất, đăng nhập bằng tài khoản được mời hoặc liên hệ văn phòng.',
    notDelivered: 'Chưa gửi được sau nhiều lần thử. Kiểm tra mạng rồi bấm lại.',
  },
  meetings: {
    title: 'Cuộc họp của bạn',
    empty: 'Bạn chưa có cuộc họp nào để theo dõi.',
    part: {
      presiding_officer: 'Điều hành phiên họp',
      secretary: 'Điểm danh và thư ký',
      voter: 'Vào màn hình đại biểu',
      observer: 'Theo dõi trực tuyến',
    },
    hall: 'Màn hình hội trường',
    place: 'Địa điểm',
    time: 'Thời gian',
  },
  sitting: {
    notOpen: 'Phiên họp chưa khai mạc. Xin chờ chủ tọa khai mạc.',
    closed: 'Phiên họp đã bế mạc.',
    open: 'Khai mạc phiên họp',
    close: 'Bế mạc phiên họp',
    closeConfirm: 'Bế mạc phiên họp? Sau khi bế mạc không thể biểu quyết thêm.',
    openedAt: (time: string) => `Khai mạc lúc ${time}`,
  },
  attendance: {
    title: 'Điểm danh',
    checkInHall: 'Tôi có mặt tại hội trường',
    checkInOnline: 'Tôi tham dự trực tuyến',
    connectionPoint: 'Tên điểm cầu',
    connectionPointHint: 'Ví dụ: Điểm cầu thôn Đồng Tâm',
    youAre: 'Điểm danh của bạn:',
    member: 'Đại biểu',
    status: 'Trạng thái',
    save: 'Ghi',
    summary: (present: number, total: number) => `${present}/${total} có mặt`,
    notPresent: (count: number) => `${count} người chưa có mặt`,
  },
  quorum: {
    title: 'Số đại biểu có mặt',
    counts: (present: number, total: number, required: number) =>
      `Có mặt ${present}/${total} (cần ít nhất ${required})`,
    reached: 'Đủ số đại biểu để tiến hành',
    missing: (count: number) => `Chưa đủ: cần thêm ${count} người`,
    noRule: 'Hội nghị hiệp thương: không yêu cầu tỷ lệ có mặt',
  },
  agenda: {
    title: 'Chương trình',
    current: 'Nội dung đang tiến hành',
    noneCurrent: 'Chưa tiến hành nội dung nào.',
    status: {
      pending: 'Chưa tiến hành',
      current: 'Đang tiến hành',
      done: 'Đã xong',
      deferred: 'Tạm hoãn',
    },
    start: 'Bắt đầu',
    done: 'Đã xong',
    defer: 'Tạm hoãn',
    moveUp: (title: string) => `Đưa “${title}” lên trước`,
    moveDown: (title: string) => `Đưa “${title}” xuống sau`,
    remaining: 'Còn lại',
    overtime: 'Quá giờ',
    minutes: (count: number) => `${count} phút`,
  },
  speakers: {
    title: 'Phát biểu',
    request: 'Đăng ký phát biểu',
    withdraw: 'Rút đăng ký',
    queue: 'Danh sách chờ phát biểu',
    empty: 'Chưa có ai đăng ký phát biểu.',
    yourPlace: (place: number) => `Bạn đứng thứ ${place} trong danh sách chờ.`,
    speaking: 'Đang phát biểu',
    nobody: 'Không có ai đang phát biểu.',
    grant: 'Mời phát biểu',
    end: 'Kết thúc lượt phát biểu',
    limitMinutes: 'Thời gian phát biểu (phút)',
    history: 'Đã phát biểu',
    connectionPoint: 'điểm cầu',
  },
  polls: {
    title: 'Biểu quyết',
    kind: {
      open_vote: 'Biểu quyết công khai',
      secret_ballot: 'Bỏ phiếu kín',
      election: 'Bầu cử bằng phiếu kín',
      consultation: 'Biểu quyết hiệp thương',
    },
    secretNotice: 'PHIẾU KÍN: không ai, kể cả người quản trị, biết bạn chọn gì.',
    chooseUpTo: (seats: number) => `Chọn tối đa ${seats} người`,
    chosen: (count: number, seats: number) => `Đã chọn ${count}/${seats}`,
    tooMany: (seats: number) => `Chỉ được chọn tối đa ${seats} người: bỏ bớt rồi gửi.`,
    nobodyChosen: 'Không chọn ai',
    confirmTitle: 'Xác nhận phiếu của bạn',
    yourChoice: 'Bạn chọn:',
    send: 'Gửi phiếu',
    change: 'Chọn lại',
    sending: 'Đang gửi phiếu…',
    waitingForLine: 'Chưa có kết nối: phiếu sẽ được gửi ngay khi có mạng. Đừng đóng trang này.',
    recorded: 'Phiếu của bạn đã được ghi nhận.',
    finalNotice: 'Phiếu đã gửi không thể thay đổi.',
    receipt: 'Mã biên nhận (giữ riêng; dùng để kiểm tra phiếu sau khi kết thúc):',
    progress: (voted: number, entitled: number) => `Đã biểu quyết: ${voted}/${entitled}`,
    notYetVoted: 'Chưa biểu quyết',
    open: 'Mở biểu quyết',
    openTitle: 'Mở biểu quyết cho nội dung đang tiến hành',
    kindLabel: 'Hình thức biểu quyết',
    subject: 'Nội dung biểu quyết',
    candidates: 'Ứng cử viên (mỗi dòng một người)',
    seats: 'Số người được bầu',
    twoThirds: 'Cần ít nhất hai phần ba tổng số (ví dụ: bãi nhiệm)',
    close: 'Kết thúc biểu quyết',
    annul: 'Hủy cuộc biểu quyết',
    annulReason: 'Lý do hủy',
    annulled: (reason: string) => `Đã hủy. Lý do: ${reason}`,
    none: 'Chưa có cuộc biểu quyết nào.',
    results: 'Kết quả biểu quyết',
    outcome: {
      passed: 'THÔNG QUA',
      failed: 'KHÔNG THÔNG QUA',
      tie: 'SỐ PHIẾU NGANG NHAU',
      consulted: 'KẾT QUẢ HIỆP THƯƠNG',
      elected: 'KẾT QUẢ BẦU CỬ',
    },
    required: (required: number, total: number) =>
      `Cần ít nhất ${required}/${total} tổng số tán thành`,
    decidedByChair: 'Số phiếu ngang nhau: quyết định theo bên có ý kiến của chủ tọa.',
    issued: 'Phiếu phát ra',
    returned: 'Phiếu thu về',
    valid: 'Phiếu hợp lệ',
    invalid: 'Phiếu không hợp lệ',
    votes: (count: number) => `${count} phiếu`,
    elected: 'Trúng cử',
    tied: 'Ngang phiếu, chưa xác định',
    tellers: 'Ban kiểm phiếu',
    appointTellers: 'Chỉ định Ban kiểm phiếu',
    sign: 'Ký biên bản kiểm phiếu',
    signedBy: (names: string) => `Đã ký: ${names}`,
    verify: 'Kiểm tra phiếu của tôi',
    verified: (choice: string) => `Phiếu của bạn đã được kiểm đúng như đã chọn: ${choice}.`,
    notCounted: 'Không tìm thấy phiếu nào với mã này.',
    whoVoted: 'Kết quả biểu quyết của từng đại biểu',
    noVote: 'Bạn dự họp không có quyền biểu quyết; kết quả sẽ hiện tại đây.',
    checkInToVote: 'Đang có biểu quyết: bạn cần điểm danh có mặt để biểu quyết.',
    closeConfirm: (missing: number) =>
      missing > 0
        ? `Còn ${missing} đại biểu chưa biểu quyết. Vẫn kết thúc biểu quyết?`
        : 'Kết thúc biểu quyết và công bố kết quả?',
    annulConfirm: (reason: string) => `Hủy cuộc biểu quyết với lý do: “${reason}”?`,
    members: (count: number) => `${count} đại biểu`,
    openVoteReport: 'Có mặt được biểu quyết / đã biểu quyết',
  },
  designation: {
    title: 'Công bố quyết định chỉ định',
    person: 'Người được chỉ định',
    post: 'Chức vụ',
    decision: 'Quyết định (số, ngày)',
    announce: 'Công bố',
    list: 'Các quyết định chỉ định đã công bố',
  },
  hall: {
    waiting: 'Xin chờ khai mạc',
    currentSpeaker: 'Đang phát biểu',
  },
} as const satisfies MessageShape;

/** Strings and sentence builders, nested by screen. */
type MessageShape = {
  readonly [key: string]: string | ((...args: never[]) => string) | MessageShape;
};

/** The shape every language's messages must have. */
export type Messages = Widen<typeof vi>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };
