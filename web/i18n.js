// i18n.js - the words of the interface: 简体中文 (default), བོད་ཡིག, English.
// A key missing in bo falls back to zh: only Tibetan we are sure of is here.
// Field and enumeration labels come from the server's schema (zh, en);
// FIELD_BO and ENUM_BO add Tibetan for a few of them.

export const LANGS = [['zh', '简体中文', 'zh-CN'], ['bo', 'བོད་ཡིག', 'bo'], ['en', 'English', 'en']];

export const T = {
	zh: {
		app: '留守儿童关爱服务', skip: '跳到主要内容', lang: '语言', menu: '主菜单',
		login: '登录', logout: '退出', username: '用户名', password: '密码', otp: '验证码（验证器应用或恢复码）',
		home: '首页', children: '儿童', regions: '地区', organizations: '机构',
		search: '搜索', searchHint: '姓名', save: '保存', cancel: '取消', edit: '编辑',
		back: '返回', new: '新增', more: '加载更多', filter: '筛选', reset: '清除',
		apply: '应用', none: '没有找到记录', loading: '加载中…', required: '必填',
		sensitive: '敏感', choose: '请选择', yes: '是', no: '否', error: '出错了',
		offline: '当前离线', saved: '已保存', shown: '已显示 {n} 条',
		queued: '网络不通，已保存在本机，联网后自动同步',
		outbox: '待同步', sync: '立即同步', discard: '放弃', open: '打开',
		synced: '已同步 {n} 条', pendingN: '{n} 条待同步',
		conflict: '这条记录在您编辑时已被他人修改。请逐项选择要保留的值，再点“保存”。',
		mine: '我的修改', theirs: '当前值', useChoices: '采用所选值',
		caseload: '个案概况', count_children: '在册儿童', count_high_risk: '高风险',
		count_unsupervised: '无人监护', count_critical: '紧急', alerts: '提醒',
		noAlerts: '暂无提醒', aggregates: '项目概况',
		deid: '您看到的儿童信息已去标识化。', area: '本辖区儿童',
		config: '系统配置', hello: '您好，{name}', roleL: '角色',
		revision: '版本', reqMissing: '此项必填', expired: '登录已过期，请重新登录',
		fixErrors: '请修改标出的项目', notFound: '找不到这个页面',
		pseudonym: '化名', homeLater: '首页统计暂不可用',
		atLeast: '至少', logoutPending: '还有 {n} 条记录未同步，退出后将丢失。仍要退出吗？',
		newRecord: '新增{r}', editRecord: '编辑{r}', register: '登记儿童',
		draft: '本机草稿', offlineSchema: '离线：使用本机保存的表单',
		noSchema: '离线且本机没有保存表单，请联网后再试',
		signedIn: '已登录', changed: '已被他人修改',
	},
	en: {
		app: 'Left-behind children care', skip: 'Skip to main content', lang: 'Language',
		menu: 'Main menu', login: 'Log in', logout: 'Log out', username: 'User name',
		password: 'Password', otp: 'Code (authenticator app or recovery code)', home: 'Home', children: 'Children', regions: 'Regions',
		organizations: 'Organizations', search: 'Search', searchHint: 'Name',
		save: 'Save', cancel: 'Cancel', edit: 'Edit', back: 'Back', new: 'New',
		more: 'Load more', filter: 'Filter', reset: 'Clear', apply: 'Apply',
		none: 'No records found', loading: 'Loading…', required: 'required',
		sensitive: 'sensitive', choose: 'Choose…', yes: 'Yes', no: 'No',
		error: 'Something went wrong', offline: 'Offline', saved: 'Saved',
		shown: '{n} shown', queued: 'No network: saved on this device, will sync when online',
		outbox: 'Pending sync', sync: 'Sync now', discard: 'Discard', open: 'Open',
		synced: '{n} synced', pendingN: '{n} pending',
		conflict: 'Someone else changed this record while you were editing. Choose the value to keep for each field, then Save.',
		mine: 'My change', theirs: 'Current value', useChoices: 'Use these values',
		caseload: 'Caseload', count_children: 'Children registered', count_high_risk: 'High risk',
		count_unsupervised: 'Unsupervised', count_critical: 'Critical', alerts: 'Alerts',
		noAlerts: 'No alerts', aggregates: 'Project overview',
		deid: 'The children\u2019s records you see are de-identified.',
		area: 'Children in your area', config: 'Configuration', hello: 'Hello, {name}',
		roleL: 'Role', revision: 'Revision', reqMissing: 'This field is required',
		expired: 'Your session has expired; please log in again',
		fixErrors: 'Please correct the marked field', notFound: 'Page not found',
		pseudonym: 'Pseudonym', homeLater: 'Home figures are not available yet',
		atLeast: 'at least', logoutPending: '{n} records are not synced yet and will be lost. Log out anyway?',
		newRecord: 'New {r}', editRecord: 'Edit {r}', register: 'Register a child',
		draft: 'Draft on this device', offlineSchema: 'Offline: using the form saved on this device',
		noSchema: 'Offline and no saved form on this device; try again online',
		signedIn: 'Signed in', changed: 'changed by someone else',
	},
	bo: {
		lang: 'སྐད་ཡིག', login: 'ནང་འཛུལ།', logout: 'ཕྱིར་ཐོན།', username: 'སྤྱོད་མཁན་གྱི་མིང་།',
		password: 'གསང་གྲངས།', home: 'གཙོ་ངོས།', children: 'བྱིས་པ།', regions: 'ས་ཁུལ།',
		search: 'འཚོལ་བ།', searchHint: 'མིང་།', save: 'ཉར་ཚགས།', cancel: 'ཕྱིར་འཐེན།',
		edit: 'བཟོ་བཅོས།', back: 'ཕྱིར་ལོག', new: 'གསར་སྣོན།', yes: 'ཡིན།', no: 'མིན།',
		error: 'ནོར་འཁྲུལ།', newRecord: '{r} · གསར་སྣོན།', editRecord: '{r} · བཟོ་བཅོས།',
	},
};

export const ROLES = {
	WORKER: ['一线社工', 'Social worker'], SUPERVISOR: ['督导', 'Supervisor'],
	LEAD: ['项目主管', 'Project lead'], FINANCE: ['财务', 'Finance officer'],
	PURCHASER: ['购买方', 'Purchaser officer'], EVALUATOR: ['第三方评估', 'Evaluator'],
	DIRECTOR: ['儿童主任', 'Village child director'],
	TOWNSHIP: ['儿童督导员', 'Township child supervisor'],
	SCHOOL: ['学校联络人', 'School contact'], ADMIN: ['系统管理员', 'Administrator'],
};

export const FIELD_BO = {
	name: 'མིང་།', name_bo: 'བོད་མིང་།', sex: 'ཕོ་མོ།', birth_date: 'སྐྱེས་ཚེས།',
	ethnicity: 'མི་རིགས།', address: 'ཁ་བྱང་།', school_name: 'སློབ་གྲྭའི་མིང་།',
	grade: 'འཛིན་རིམ།', health: 'བདེ་ཐང་།', risk_level: 'ཉེན་ཁ།', notes: 'མཆན།',
};

export const ENUM_BO = { 'sex.M': 'ཕོ།', 'sex.F': 'མོ།' };

// Problem "code" (lower case) or HTTP status -> Tibetan; the server's
// Chinese detail is shown after it.
export const ERR_BO = { unauthenticated: 'ནང་འཛུལ་མ་ཐུབ།', 401: 'ནང་འཛུལ་མ་ཐུབ།', invalid: 'ནོར་འཁྲུལ།', 400: 'ནོར་འཁྲུལ།' };
